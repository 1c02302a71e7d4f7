import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import { Code } from "../diagnostics/codes.js";
import type { Reporter } from "../diagnostics/report.js";
import { isFloatLiteral } from "./constants.js";
import { stdlibNameOf } from "./intrinsics.js";
import { isProgramKind } from "./module.js";

/**
 * The language subset, checked over every user file up front so that all violations are
 * reported at once, including in code no program reaches. Each message says what to write
 * instead. Lowering relies on this pass and does not report these constructs again.
 */

/** Where a string literal means something to the compiler rather than being data. */
function stringAllowed(node: Node): boolean {
  const parent = node.getParent();
  if (!parent) return false;
  if (Node.isImportDeclaration(parent) || Node.isExportDeclaration(parent) || Node.isLiteralTypeNode(parent))
    return true;
  if (Node.isPropertyAssignment(parent) && parent.getInitializer() === node) return true; // options: scale: "log2"
  if (Node.isCallExpression(parent)) {
    const callee = stdlibNameOf(parent.getExpression());
    if (isProgramKind(callee)) return true;
    if (callee === "bpf.tracePrintk" && parent.getArguments()[0] === node) return true;
    if (callee === "license" && parent.getArguments()[0] === node) return true;
  }
  if (Node.isPropertySignature(parent) || Node.isEnumMember(parent)) return true; // quoted names
  if (Node.isElementAccessExpression(parent)) return false;
  return false;
}

/** A function literal that is the body of a program or a bpf.loop callback, not a closure. */
function isProgramBody(node: Node): boolean {
  const call = node.getParent();
  if (!call || !Node.isCallExpression(call)) return false;
  const callee = stdlibNameOf(call.getExpression());
  return isProgramKind(callee) || callee === "bpf.loop";
}

export function checkSubset(files: readonly SourceFile[], reporter: Reporter): void {
  for (const sf of files) {
    sf.forEachDescendant((node) => {
      switch (node.getKind()) {
        case SyntaxKind.ClassDeclaration:
        case SyntaxKind.ClassExpression:
          reporter.error(
            Code.CLASS,
            node,
            "classes cannot be compiled to eBPF",
            "use an interface for data and plain functions for behaviour",
          );
          return;
        case SyntaxKind.ThisKeyword:
          reporter.error(
            Code.CLASS,
            node,
            "`this` has no meaning in an eBPF program",
            "pass the value as a parameter",
          );
          return;
        case SyntaxKind.AwaitExpression:
          reporter.error(
            Code.ASYNC,
            node,
            "eBPF programs cannot wait (await)",
            "programs run to completion; drop async/await",
          );
          return;
        case SyntaxKind.YieldExpression:
          reporter.error(
            Code.GENERATOR,
            node,
            "generators cannot be compiled to eBPF",
            "return values or fill a map instead of yielding",
          );
          return;
        case SyntaxKind.TryStatement:
        case SyntaxKind.ThrowStatement:
          reporter.error(
            Code.EXCEPTION,
            node,
            "eBPF has no exceptions",
            "return an error code (e.g. a negative errno) instead of throwing",
          );
          return;
        case SyntaxKind.ArrayLiteralExpression:
          reporter.error(
            Code.ALLOCATION,
            node,
            "array literals allocate memory",
            "declare a FixedArray<T, N> field or local and assign its elements",
          );
          return;
        case SyntaxKind.TemplateExpression:
        case SyntaxKind.NoSubstitutionTemplateLiteral:
          reporter.error(
            Code.STRING,
            node,
            "strings cannot be built in an eBPF program",
            "send integers to user space (ring buffer, map) and format them there",
          );
          return;
        case SyntaxKind.StringLiteral:
          if (!stringAllowed(node))
            reporter.error(
              Code.STRING,
              node,
              "string values are not supported in eBPF programs",
              "strings may only be constant attach points, map options, a tracePrintk format or a license",
            );
          return;
        case SyntaxKind.NumericLiteral:
          if (isFloatLiteral(node))
            reporter.error(
              Code.FLOAT,
              node,
              `\`${node.getText()}\` is not an integer; eBPF has no floating point`,
              "use integers (e.g. scale by 1000 and keep milli-units)",
            );
          return;
        case SyntaxKind.BigIntLiteral:
          reporter.error(
            Code.UNSUPPORTED_TYPE,
            node,
            "bigint literals are not DSL integers",
            `write ${node.getText().slice(0, -1)} (literals are exact for every width)`,
          );
          return;
        case SyntaxKind.RegularExpressionLiteral:
          reporter.error(Code.STRING, node, "regular expressions cannot run in eBPF");
          return;
        case SyntaxKind.ForInStatement:
        case SyntaxKind.ForOfStatement:
          reporter.error(
            Code.STATEMENT,
            node,
            "for…in / for…of loops are not supported",
            "write for (let i = 0; i < N; i++) with a constant N",
          );
          return;
        case SyntaxKind.LabeledStatement:
          reporter.error(
            Code.STATEMENT,
            node,
            "labelled statements are not supported",
            "restructure the loop or move it into a function that returns early",
          );
          return;
        case SyntaxKind.DeleteExpression:
          reporter.error(
            Code.EXPRESSION,
            node,
            "`delete` is not supported",
            "to remove a map entry call map.delete(key)",
          );
          return;
        case SyntaxKind.TypeOfExpression:
          reporter.error(Code.EXPRESSION, node, "`typeof` has no meaning at run time in eBPF");
          return;
        case SyntaxKind.SpreadElement:
        case SyntaxKind.SpreadAssignment:
          reporter.error(
            Code.ALLOCATION,
            node,
            "spread copies into new memory",
            "copy the fields one by one",
          );
          return;
        case SyntaxKind.ObjectBindingPattern:
        case SyntaxKind.ArrayBindingPattern:
          reporter.error(
            Code.DECLARATION,
            node,
            "destructuring is not supported",
            "read the fields one by one: const a = x.a;",
          );
          return;
        case SyntaxKind.NewExpression: {
          const cls = stdlibNameOf((node as Node & { getExpression(): Node }).getExpression());
          const atModuleLevel =
            Node.isVariableDeclaration(node.getParent()) &&
            Node.isSourceFile(node.getParent()?.getParent()?.getParent()?.getParent());
          if (cls === undefined || !atModuleLevel) {
            if (cls !== undefined)
              reporter.error(
                Code.MAP_NOT_MODULE_LEVEL,
                node,
                "maps must be declared at module level",
                "move `const m = new …` to the top of the file",
              );
            else
              reporter.error(
                Code.ALLOCATION,
                node,
                "`new` allocates memory, which eBPF programs cannot do",
                "use maps for storage and locals or interfaces for data",
              );
          }
          return;
        }
        case SyntaxKind.FunctionDeclaration:
        case SyntaxKind.ArrowFunction:
        case SyntaxKind.FunctionExpression:
        case SyntaxKind.MethodDeclaration: {
          const fn = node as Node & { isAsync?(): boolean; isGenerator?(): boolean };
          if (fn.isAsync?.())
            reporter.error(
              Code.ASYNC,
              node,
              "async functions cannot be compiled to eBPF",
              "remove async; programs run to completion",
            );
          if (fn.isGenerator?.())
            reporter.error(Code.GENERATOR, node, "generator functions cannot be compiled to eBPF");
          const nested =
            node.getParentWhile((p) => !Node.isSourceFile(p)) !== undefined &&
            node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) !== undefined;
          if (nested && !isProgramBody(node))
            reporter.error(
              Code.CLOSURE,
              node,
              "functions inside functions (closures) are not supported",
              "declare the function at module level and pass what it needs as parameters",
            );
          else if (
            !nested &&
            (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) &&
            !isProgramBody(node) &&
            !Node.isVariableDeclaration(node.getParent())
          )
            reporter.error(
              Code.CLOSURE,
              node,
              "function values are not supported here",
              "declare a module-level function",
            );
          return;
        }
        case SyntaxKind.VariableDeclarationList:
          if (node.getText().startsWith("var "))
            reporter.error(Code.DECLARATION, node, "`var` is not supported", "use const or let");
          return;
        case SyntaxKind.QuestionDotToken:
          reporter.error(
            Code.EXPRESSION,
            node.getParent() ?? node,
            "optional chaining (?.) is not supported",
            "check for null first: if (!p) return 0;",
          );
          return;
        default:
          return;
      }
    });
  }
}
