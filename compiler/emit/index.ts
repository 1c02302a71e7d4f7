export { buildObject, defaultOutput, writeFileAtomic, type BuildOptions, type BuildResult } from "./build.js";
export { writeObject, type ObjectInput, type ObjectLayouts, type WriteObjectOptions } from "./elf-writer.js";
export { layoutType, mapDefinition, layoutOfSize, type MapDefinitionTypes } from "./btf-from-layout.js";
export { BtfBuilder } from "./btf-builder.js";
export { buildObjectBtf, type ObjectBtf } from "./object-btf.js";
export { planCode, type CodeSectionPlan, type PlacedFunction, type SectionReloc } from "./code-layout.js";
export { ElfImage } from "./elf-image.js";
export { EmitCode } from "./codes.js";
export { writeSkeleton, layoutTsType } from "./skeleton.js";
