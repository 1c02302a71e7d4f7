import { describe, expect, it } from "vitest";
import { closestNames, editDistance } from "../../runtime/diag/closest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["ldxw", "ldxdw", 1],
    ["sys_enter_openat", "sys_enter_open", 2],
    ["flaw", "lawn", 2],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestNames", () => {
  const names = [
    "syscalls/sys_enter_openat",
    "syscalls/sys_enter_open",
    "sched/sched_switch",
    "syscalls/sys_exit_openat",
  ];
  it("orders by distance, nearest first, and keeps the limit", () => {
    expect(closestNames("syscalls/sys_enter_opnat", names, 2)).toEqual([
      "syscalls/sys_enter_openat",
      "syscalls/sys_enter_open",
    ]);
  });
  it("keeps the given order among equally close names", () => {
    expect(closestNames("x", ["ab", "ba", "c"], 3)).toEqual(["c", "ab", "ba"]);
  });
  it("returns nothing from nothing", () => {
    expect(closestNames("x", [])).toEqual([]);
  });
});
