import {
  KernelState,
  kernelHelpers,
  resolveEnvironment,
  ObjectMemory,
  type EnvironmentOverrides,
} from "../../runtime/helpers/index.js";
import { createMaps } from "../../runtime/maps/create.js";
import type { BpfMap } from "../../runtime/maps/types.js";
import type { MapSpec } from "../../runtime/object/spec.js";
import { HELPER_IDS } from "../../runtime/uapi/helpers.js";
import { VmFaultSignal } from "../../runtime/vm/fault.js";
import type { HelperContext, HelperDef } from "../../runtime/vm/helper.js";
import { Memory, type Region } from "../../runtime/vm/memory.js";
import { unwrap } from "../../runtime/diag/diagnostic.js";

/**
 * Calls helpers directly, as the VM would, against real VM memory: a 512-byte stack region
 * (`stack`, writable) and a `rodata` region, plus maps installed like the sandbox installs them.
 */
export class HelperHarness {
  readonly mem = new Memory();
  readonly kernel: KernelState;
  readonly helpers: Map<number, HelperDef>;
  readonly stack: Region;
  readonly maps: ReadonlyMap<string, BpfMap>;
  private readonly objects: ObjectMemory;

  constructor(maps: MapSpec[] = [], env: EnvironmentOverrides = {}) {
    this.maps = unwrap(createMaps(maps, { cpus: 2 }));
    this.kernel = new KernelState(this.maps, resolveEnvironment(env));
    this.objects = new ObjectMemory(this.kernel);
    this.helpers = kernelHelpers(this.kernel);
    this.stack = this.mem.add(new Uint8Array(512), { kind: "stack", name: "stack" });
    this.objects.install(this.mem);
  }

  /** Address of map `name`'s handle. */
  map(name: string): bigint {
    return this.objects.install(this.mem).maps.get(name)!.address(0);
  }

  /** Address of stack offset `off`. */
  at(off: number): bigint {
    return this.stack.address(off);
  }

  put(off: number, bytes: Uint8Array | number[]): bigint {
    this.stack.bytes.set(bytes, off);
    return this.at(off);
  }

  bytes(off: number, len: number): Uint8Array {
    return this.stack.bytes.slice(off, off + len);
  }

  /** Calls helper `name`; returns r0 as a bigint (signed) or the fault message. */
  call(name: string, ...args: Array<bigint | number>): bigint {
    const id = HELPER_IDS.get(name)!;
    const def = this.helpers.get(id);
    if (!def) throw new Error(`no helper ${name}`);
    const a = [0, 1, 2, 3, 4].map((i) => BigInt.asUintN(64, BigInt(args[i] ?? 0)));
    const ctx: HelperContext = {
      mem: this.mem,
      programName: "test",
      insns: 0,
      reg: (n) => (n >= 1 && n <= 5 ? a[n - 1]! : 0n),
      exit: () => undefined,
      tailCall: () => false,
      scratch: new Map(),
      callFunction: () => {
        throw new Error("this harness calls helpers one at a time and runs no callbacks");
      },
    };
    const r = def.fn(ctx, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!);
    return BigInt.asIntN(64, BigInt(r ?? 0));
  }

  /** The fault message a call raises, or undefined when it returns. */
  faultOf(name: string, ...args: Array<bigint | number>): string | undefined {
    try {
      this.call(name, ...args);
      return undefined;
    } catch (e) {
      if (e instanceof VmFaultSignal) return e.info.message;
      throw e;
    }
  }
}
