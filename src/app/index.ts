// The public API of src/app: What the app and the CLI share: backend selection and buildEstate. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { selectBackend } from "./backend";
export type { BackendEnvironment } from "./backend";
export { BackendError, buildEstate } from "./build-estate";
export type { BuiltEstate } from "./build-estate";
