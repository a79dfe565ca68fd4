// The public API of src/deck: decK import. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { deckFragmentYaml, importDeck, importDeckFile } from "./deck-import";
export type { DeckImportOptions, DeckImportResult, DeckSecret } from "./deck-import";
