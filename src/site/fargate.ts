/** Fargate task CPU units. */
export const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

/** Memory (MiB) Fargate accepts per CPU value: [lowest, highest, step]. */
const FARGATE_MEMORY: { readonly [cpu: number]: readonly [number, number, number] } = {
  256: [512, 2048, 512],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

/** True when Fargate accepts this CPU/memory (MiB) pair. */
export function fargateSizeOk(cpu: number, memory: number): boolean {
  const range = FARGATE_MEMORY[cpu];
  if (!range) return false;
  return memory >= range[0] && memory <= range[1] && memory % range[2] === 0;
}

/**
 * Why Fargate refuses this CPU/memory (MiB) pair, with the sizes it would take; `undefined` when it
 * accepts it. The one wording of this check, wherever a size is given (topology, KongCluster).
 */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
  if (fargateSizeOk(cpu, memory)) return undefined;
  const range = FARGATE_MEMORY[cpu];
  if (!range) return `${cpu} CPU units is not a Fargate task size: use one of ${FARGATE_CPU.join(", ")}`;
  const [lowest, highest, step] = range;
  return `${memory} MiB is not a Fargate memory size for ${cpu} CPU units: use ${lowest} to ${highest} MiB in steps of ${step}`;
}
