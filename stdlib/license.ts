/**
 * The object's license (the ELF `license` section the kernel reads at load, as C's
 * `char LICENSE[] SEC("license") = "GPL";`): `export const LICENSE = license("Dual MIT/GPL");` at
 * the top level of the program's module. Without one the object says "GPL", which many tracing
 * helpers require (kernel: bpf_prog_load checks license_is_gpl_compatible for gpl_only helpers);
 * `tsbpf build --license` overrides both. Executed as plain JavaScript this returns a descriptor.
 */
export interface License {
  readonly license: string;
}

export function license(text: string): License {
  return { license: text };
}
