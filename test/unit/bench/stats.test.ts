import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linearFit, median, quartiles, spread } from "../../../bench/stats";

describe("bench statistics", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it("puts the quartiles between the closest ranks", () => {
    assert.deepEqual(quartiles([5, 1, 3, 2, 4]), [2, 4]);
    assert.deepEqual(quartiles([4, 1, 3, 2]), [1.75, 3.25]);
    assert.deepEqual(quartiles([7]), [7, 7]);
  });

  it("states the spread as half the range over the median", () => {
    assert.equal(spread([9, 10, 11]), 0.1);
  });

  it("fits a line through points on it exactly", () => {
    const fit = linearFit([
      [6, 0.56],
      [100, 1.5],
      [2000, 20.5],
    ]);
    assert.ok(Math.abs(fit.slope - 0.01) < 1e-12);
    assert.ok(Math.abs(fit.intercept - 0.5) < 1e-9);
    assert.equal(fit.r2, 1);
  });

  it("scores scattered points below 1", () => {
    assert.ok(
      linearFit([
        [1, 1],
        [2, 3],
        [3, 2],
      ]).r2 < 1,
    );
  });

  it("refuses a line through one x", () => {
    assert.throws(
      () =>
        linearFit([
          [1, 1],
          [1, 2],
        ]),
      /two points/,
    );
  });
});
