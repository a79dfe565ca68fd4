import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FARGATE_CPU, fargateSizeOk, fargateSizeProblem } from "../../../src/site/fargate";

describe("Fargate task sizes", () => {
  it("accepts every CPU value with its smallest and largest memory", () => {
    const pairs: [number, number][] = [
      [256, 512],
      [256, 2048],
      [1024, 8192],
      [16384, 122880],
    ];
    assert.deepEqual(
      pairs.filter(([cpu, memory]) => !fargateSizeOk(cpu, memory)),
      [],
    );
  });

  it("refuses memory off the CPU value's step", () => {
    assert.equal(fargateSizeOk(8192, 18432), false);
  });

  it("says which memory sizes the CPU value takes", () => {
    assert.equal(fargateSizeProblem(2048, 2048), "2048 MiB is not a Fargate memory size for 2048 CPU units: use 4096 to 16384 MiB in steps of 1024");
  });

  it("lists the CPU values when the CPU value is not one", () => {
    assert.equal(fargateSizeProblem(300, 1024), `300 CPU units is not a Fargate task size: use one of ${FARGATE_CPU.join(", ")}`);
  });

  it("has nothing to say about a size Fargate accepts", () => {
    assert.equal(fargateSizeProblem(512, 1024), undefined);
  });
});
