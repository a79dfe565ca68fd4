// The public API of src/hcl: Faithful HCL for `cdktf synth --hcl`. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { renderStackHcl, useFaithfulHcl } from "./faithful-hcl";
