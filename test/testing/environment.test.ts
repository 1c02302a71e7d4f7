import { describe, expect, it } from "vitest";
import { DEFAULT_ENVIRONMENT } from "../../runtime/helpers/environment.js";
import { load } from "../../runtime/testing/index.js";
import type * as World from "./fixtures/world.js";

const WORLD = "test/testing/fixtures/world.ts";

describe("the environment a probe sees", () => {
  it("is deterministic by default", async () => {
    const a = await load<typeof World>(WORLD);
    const b = await load<typeof World>(WORLD);
    a.run("look", { args: [1n] });
    b.run("look", { args: [1n] });
    const [ra] = a.events.seen.drain();
    expect(ra).toEqual(b.events.seen.drain()[0]);
    expect(ra).toMatchObject({
      pid: DEFAULT_ENVIRONMENT.pid,
      tgid: DEFAULT_ENVIRONMENT.tgid,
      uid: DEFAULT_ENVIRONMENT.uid,
      comm: DEFAULT_ENVIRONMENT.comm,
      now: DEFAULT_ENVIRONMENT.now,
    });
  });

  it("takes pid, tgid, uid, gid, comm, cpu and now per run, over the probe's defaults", async () => {
    const p = await load<typeof World>(WORLD, { env: { uid: 0, comm: "init" }, cpus: 4 });
    p.run("look", { args: [7n] }, { pid: 11, tgid: 10, gid: 5, cpu: 3, now: 123n });
    p.run("look", { args: [8n] });
    const [first, second] = p.events.seen.drain();
    expect(first).toMatchObject({ pid: 11, tgid: 10, uid: 0, gid: 5, cpu: 3, now: 123n, comm: "init" });
    expect(second).toMatchObject({
      pid: DEFAULT_ENVIRONMENT.pid,
      uid: 0,
      cpu: 0,
      comm: "init",
      now: p.clock.now,
    });
    // perf samples land in the buffer of the CPU the program ran on
    expect(p.events.samples.raw().map((r) => r.cpu)).toEqual([3, 0]);
    expect(p.events.samples.drain()).toEqual([
      { cpu: 3, arg: 7n },
      { cpu: 0, arg: 8n },
    ]);
  });

  it("seeds bpf_get_prandom_u32 with `random`; the sequence restarts every run", async () => {
    const p = await load<typeof World>(WORLD);
    const draw = (random?: number) => {
      p.run("look", { args: [] }, random === undefined ? {} : { random });
      const [r] = p.events.seen.drain();
      return [r!.rnd, r!.rnd2];
    };
    const seeded = draw(7);
    expect(draw(7)).toEqual(seeded);
    expect(draw(8)).not.toEqual(seeded);
    expect(seeded[0]).not.toEqual(seeded[1]);
    p.helpers.override("getPrandomU32", () => 4);
    expect(draw(7)).toEqual([4, 4]);
  });

  it("moves time only with the clock", async () => {
    const p = await load<typeof World>(WORLD, { env: { now: 50n } });
    expect(p.clock.now).toBe(50n);
    p.run("look", { args: [] });
    p.clock.advance(25n);
    p.run("look", { args: [] });
    p.clock.set(1_000);
    p.run("look", { args: [] });
    expect(p.events.seen.drain().map((r) => r.now)).toEqual([50n, 75n, 1_000n]);
    expect(() => p.clock.advance(-1)).toThrow(/cannot go back/);
  });
});
