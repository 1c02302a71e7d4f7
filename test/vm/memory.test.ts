import { describe, expect, it } from "vitest";
import { Alu, Cls, Mode, Op, Size, Src, insn, lddw, type Instruction } from "../../runtime/isa/index.js";
import {
  createVm,
  xdpContext,
  VmCode,
  type RunOptions,
  type RunResult,
  type Tier,
  type VmOptions,
} from "../../runtime/vm/index.js";

/** Memory regions, pointer arithmetic and every kind of memory fault, in both tiers. */
const TIERS: readonly Tier[] = ["interpreter", "js"];
const EXIT = insn(Op.EXIT);
const mov = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.MOV | Src.K, { dst, imm });
const movr = (dst: number, src: number) => insn(Cls.ALU64 | Alu.MOV | Src.X, { dst, src });
const add = (dst: number, imm: number) => insn(Cls.ALU64 | Alu.ADD | Src.K, { dst, imm });
const ldx = (size: number, dst: number, src: number, off: number) =>
  insn(Cls.LDX | size | Mode.MEM, { dst, src, off });
const stx = (size: number, dst: number, src: number, off: number) =>
  insn(Cls.STX | size | Mode.MEM, { dst, src, off });
const st = (size: number, dst: number, off: number, imm: number) =>
  insn(Cls.ST | size | Mode.MEM, { dst, off, imm });

function runBoth(program: Instruction[], run: RunOptions = {}, options: VmOptions = {}): RunResult {
  const vm = createVm(program, options);
  if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
  const results = TIERS.map((tier) => vm.value.run({ ...run, tier }));
  // both tiers agree on everything but the tier name
  const strip = (r: RunResult) => (r.kind === "exit" ? { ...r, tier: "-" } : r);
  expect(strip(results[1]!)).toEqual(strip(results[0]!));
  return results[0]!;
}

describe("stack", () => {
  it("stores and loads through r10 and copies of it", () => {
    const r = runBoth([
      lddw(1, 0x1122334455667788n),
      stx(Size.DW, 10, 1, -8),
      movr(2, 10),
      add(2, -8),
      ldx(Size.W, 0, 2, 4),
      EXIT,
    ]);
    expect(r).toMatchObject({ kind: "exit", r0: 0x11223344n });
  });

  it.each([
    ["below the frame", -520, 8],
    ["above the frame", 0, 1],
    ["straddling the top", -4, 8],
  ])("faults %s", (_n, off, bytes) => {
    const size = bytes === 8 ? Size.DW : Size.B;
    const r = runBoth([mov(0, 0), ldx(size, 0, 10, off), EXIT]);
    expect(r).toMatchObject({
      kind: "fault",
      code: VmCode.OUT_OF_BOUNDS,
      pc: 1,
      region: "stack[0]",
      insns: 2,
    });
    if (r.kind === "fault") expect(r.address).toMatch(/^0x00007f01/);
  });
});

describe("regions given by the caller", () => {
  it("reads and writes a caller's buffer in place", () => {
    const buf = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const r = runBoth([ldx(Size.H, 0, 1, 6), st(Size.B, 1, 0, 0xaa), EXIT], {
      setup: (mem) => [mem.add(buf, { kind: "mem" }).address(0)],
    });
    expect(r).toMatchObject({ kind: "exit", r0: 0x0807n });
    expect(buf[0]).toBe(0xaa);
  });

  it("refuses writes into read-only memory (.rodata)", () => {
    const rodata = { name: ".rodata", bytes: new Uint8Array(8), readOnly: true, variables: [] };
    const vm = createVm(
      {
        name: "p",
        section: "xdp",
        type: "XDP",
        instructions: [lddw(1, 0n, 2), st(Size.W, 1, 0, 7), mov(0, 0), EXIT],
        relocations: [{ insn: 0, target: { kind: "mapValue", map: ".rodata", offset: 0 } }],
        license: "GPL",
      },
      { globals: [rodata] },
    );
    expect(vm.ok).toBe(true);
    if (!vm.ok) return;
    for (const tier of TIERS) {
      expect(vm.value.run({ tier })).toMatchObject({
        kind: "fault",
        code: VmCode.READ_ONLY,
        region: ".rodata",
        pc: 2,
      });
    }
  });

  it("keeps .data across runs and gives globals their addresses by relocation", () => {
    const data = { name: ".data", bytes: new Uint8Array(8), readOnly: false, variables: [] };
    const vm = createVm(
      {
        name: "counter",
        section: "xdp",
        type: "XDP",
        instructions: [lddw(1, 0n, 2), ldx(Size.DW, 0, 1, 0), add(0, 1), stx(Size.DW, 1, 0, 0), EXIT],
        relocations: [{ insn: 0, target: { kind: "mapValue", map: ".data", offset: 0 } }],
        license: "GPL",
      },
      { globals: [data] },
    );
    if (!vm.ok) throw new Error("load");
    expect(vm.value.run({ tier: "interpreter" })).toMatchObject({ r0: 1n });
    expect(vm.value.run({ tier: "js" })).toMatchObject({ r0: 2n });
    expect(data.bytes[0]).toBe(0); // the VM works on its own copy
  });

  it("faults on a released region (ring-buffer record after submit)", () => {
    const rec = new Uint8Array(16);
    const prog = [
      insn(Op.CALL, { imm: 1 }), // r0 = reserve()
      movr(6, 0),
      mov(1, 0),
      insn(Op.CALL, { imm: 2 }), // submit(): releases
      st(Size.W, 6, 0, 1),
      mov(0, 0),
      EXIT,
    ];
    let region: ReturnType<import("../../runtime/vm/index.js").Memory["add"]> | undefined;
    const r = runBoth(
      prog,
      {},
      {
        helpers: {
          1: (ctx) => (region = ctx.mem.add(rec, { kind: "ringbuf_record" })).address(0),
          2: (ctx) => ctx.mem.release(region!),
        },
      },
    );
    expect(r).toMatchObject({ kind: "fault", code: VmCode.REGION_RELEASED, pc: 4, region: "ringbuf_record" });
  });

  it("faults on a scalar used as a pointer", () => {
    const r = runBoth([mov(1, 4096), ldx(Size.W, 0, 1, 0), EXIT]);
    expect(r).toMatchObject({
      kind: "fault",
      code: VmCode.NOT_A_POINTER,
      pc: 1,
      address: "0x0000000000001000",
    });
  });

  it("faults when a 32-bit move truncates a pointer", () => {
    const r = runBoth([insn(Cls.ALU | Alu.MOV | Src.X, { dst: 2, src: 10 }), ldx(Size.W, 0, 2, -4), EXIT]);
    expect(r).toMatchObject({ kind: "fault", code: VmCode.NOT_A_POINTER });
  });
});

describe("xdp context", () => {
  const pkt = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const setup: RunOptions["setup"] = (mem) => [xdpContext(mem, pkt)];

  it("turns 32-bit loads of data/data_end into packet pointers", () => {
    const r = runBoth(
      [
        ldx(Size.W, 2, 1, 0),
        ldx(Size.W, 3, 1, 4),
        movr(0, 3),
        insn(Cls.ALU64 | Alu.SUB | Src.X, { dst: 0, src: 2 }),
        EXIT,
      ],
      { setup },
    );
    expect(r).toMatchObject({ kind: "exit", r0: 10n });
  });

  it("faults on a read past data_end", () => {
    const r = runBoth([ldx(Size.W, 2, 1, 0), ldx(Size.DW, 0, 2, 4), EXIT], { setup });
    expect(r).toMatchObject({ kind: "fault", code: VmCode.OUT_OF_BOUNDS, region: "packet", pc: 1 });
  });

  it("refuses writes to the context and narrow reads of its pointer fields", () => {
    expect(runBoth([st(Size.W, 1, 12, 0), mov(0, 0), EXIT], { setup })).toMatchObject({
      kind: "fault",
      code: VmCode.CTX_ACCESS,
      region: "xdp_md",
    });
    expect(runBoth([ldx(Size.B, 0, 1, 0), EXIT], { setup })).toMatchObject({
      kind: "fault",
      code: VmCode.CTX_ACCESS,
    });
  });
});

describe("atomics", () => {
  it("32-bit atomics touch 4 bytes and zero-extend fetched values", () => {
    const r = runBoth([
      lddw(1, 0xffffffff_fffffff0n),
      stx(Size.DW, 10, 1, -8),
      mov(2, 0x20),
      insn(Cls.STX | Size.W | Mode.ATOMIC, { dst: 10, src: 2, off: -8, imm: 0x01 }), // fetch add
      ldx(Size.DW, 0, 10, -8),
      insn(Cls.ALU64 | Alu.XOR | Src.X, { dst: 0, src: 2 }),
      EXIT,
    ]);
    // memory: low word 0xfffffff0 + 0x20 = 0x10 (no carry into the high word); r2 = 0xfffffff0
    expect(r).toMatchObject({ kind: "exit", r0: 0xffffffff_00000010n ^ 0xfffffff0n });
  });

  it("cmpxchg loads the old value into r0 whether or not it stores", () => {
    const r = runBoth([
      mov(1, 5),
      stx(Size.DW, 10, 1, -8),
      mov(0, 4),
      mov(2, 9),
      insn(Cls.STX | Size.DW | Mode.ATOMIC, { dst: 10, src: 2, off: -8, imm: 0xf1 }),
      ldx(Size.DW, 3, 10, -8),
      insn(Cls.ALU64 | Alu.LSH | Src.K, { dst: 3, imm: 8 }),
      insn(Cls.ALU64 | Alu.OR | Src.X, { dst: 0, src: 3 }),
      EXIT,
    ]);
    expect(r).toMatchObject({ kind: "exit", r0: 0x505n });
  });
});

describe("helper memory API", () => {
  it("reads C strings and refuses out-of-bounds helper reads with a fault naming the helper", () => {
    const seen: string[] = [];
    const prog = [
      st(Size.W, 10, -8, 0x00636261), // "abc\0"
      movr(1, 10),
      add(1, -8),
      insn(Op.CALL, { imm: 7 }),
      movr(1, 10),
      add(1, -4),
      insn(Op.CALL, { imm: 8 }),
      EXIT,
    ];
    const r = runBoth(
      prog,
      {},
      {
        helpers: {
          7: {
            name: "strlen",
            fn: (ctx, p) => {
              seen.push(ctx.mem.readCString(p, 64).text);
              return 0;
            },
          },
          8: { name: "read16", fn: (ctx, p) => ctx.mem.read(p, 16)[0]! },
        },
      },
    );
    expect(seen).toEqual(["abc", "abc"]);
    expect(r).toMatchObject({ kind: "fault", code: VmCode.OUT_OF_BOUNDS, pc: 6 });
    if (r.kind === "fault") expect(r.message).toContain("read16");
  });

  it("turns a helper's exception into a fault, never an escaping exception", () => {
    const r = runBoth(
      [insn(Op.CALL, { imm: 3 }), EXIT],
      {},
      {
        helpers: {
          3: () => {
            throw new Error("boom");
          },
        },
      },
    );
    expect(r).toMatchObject({ kind: "fault", code: VmCode.HELPER_FAILED, pc: 0 });
    if (r.kind === "fault") expect(r.message).toContain("boom");
  });
});

describe("fault report", () => {
  it("names the instruction through the formatter and the source line from line info", () => {
    const vm = createVm(
      {
        name: "probe",
        section: "xdp",
        type: "XDP",
        instructions: [mov(0, 0), ldx(Size.W, 0, 10, 8), EXIT],
        relocations: [],
        lineInfo: [{ insn: 1, file: "probe.ts", line: 12, column: 5, text: "  const x = stack[2];" }],
        license: "GPL",
      },
      { format: (i) => `opcode 0x${i.opcode.toString(16)}` },
    );
    if (!vm.ok) throw new Error("load");
    for (const tier of TIERS) {
      expect(vm.value.run({ tier })).toMatchObject({
        kind: "fault",
        pc: 1,
        program: "probe",
        instruction: "opcode 0x61",
        location: { file: "probe.ts", line: 12, column: 5 },
        sourceLine: "  const x = stack[2];",
      });
    }
  });
});

describe("the stack between runs", () => {
  // A run starts with a zeroed stack. The VM skips re-zeroing it after programs that cannot
  // write (no stores, atomics or calls), so a write from outside the program must still count.
  it("is zero again after run setup wrote into it, even for a program without stores", () => {
    const program = [ldx(Size.DW, 0, 10, -8), EXIT];
    const vm = createVm(program);
    if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
    const stackTop = vm.value.memory.regions.find((r) => r?.name === "stack[0]")!.address(512);
    for (const tier of TIERS) {
      const written = vm.value.run({ tier, setup: (mem) => mem.writeU64(stackTop - 8n, 42n) });
      expect(written).toMatchObject({ kind: "exit", r0: 42n });
      expect(vm.value.run({ tier })).toMatchObject({ kind: "exit", r0: 0n });
      expect(vm.value.run({ tier })).toMatchObject({ kind: "exit", r0: 0n });
    }
  });

  it("is zero again after a program that stored into it", () => {
    const program = [ldx(Size.DW, 0, 10, -8), st(Size.DW, 10, -8, 7), EXIT];
    for (const tier of TIERS) {
      const vm = createVm(program);
      if (!vm.ok) throw new Error(vm.diagnostics.map((d) => d.message).join("; "));
      expect(vm.value.run({ tier })).toMatchObject({ kind: "exit", r0: 0n });
      expect(vm.value.run({ tier })).toMatchObject({ kind: "exit", r0: 0n });
    }
  });
});
