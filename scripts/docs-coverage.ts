/**
 * Lists the public API that has no doc comment: every export of the package's entry points, and every
 * member of an exported class, interface or object type (methods, options, events, listener
 * callbacks), as an editor shows them, so a doc inherited from a base class or interface counts.
 * Members tagged @internal or @hidden, private and #private members, and what comes from outside
 * src/ (Error's `message`, for instance) are left out. Used by test/docs-coverage.test.ts; run it
 * alone to see the list: `node --import tsx scripts/docs-coverage.ts`.
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { packageEntries } from "./package-entries.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(repoRoot, "src");

/** The package's entry points (package.json's `exports`, as typedoc.config.mjs reads them): specifier -> source file. */
export function entryPoints(): Record<string, string> {
  return Object.fromEntries(packageEntries().map((entry) => [entry.specifier, join(repoRoot, entry.source)]));
}

export interface Undocumented {
  /** "entry: Export.member" */
  name: string;
  /** Where it is declared, "src/file.ts:line". */
  where: string;
}

export function undocumentedExports(): Undocumented[] {
  const entries = entryPoints();
  const program = ts.createProgram({
    rootNames: Object.values(entries),
    options: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      strict: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      noEmit: true,
    },
  });
  const checker = program.getTypeChecker();
  const found = new Map<string, Undocumented>();
  const report = (name: string, declaration: ts.Declaration | undefined): void => {
    const file = declaration?.getSourceFile();
    const where = file
      ? `${relative(repoRoot, file.fileName)}:${file.getLineAndCharacterOfPosition(declaration!.getStart()).line + 1}`
      : "?";
    found.set(`${name} ${where}`, { name, where });
  };

  for (const [entry, path] of Object.entries(entries)) {
    const source = program.getSourceFile(path);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${path} is not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.find(inSource);
      if (!declaration || isHidden(declaration)) continue;
      const name = `${entry}: ${exported.name}`;
      if (!hasDoc(symbol, checker)) report(name, declaration);
      for (const member of membersOf(symbol, declaration, checker)) {
        const memberDeclaration = member.declarations?.find(inSource);
        if (!memberDeclaration || isHidden(memberDeclaration) || isPrivate(member, memberDeclaration))
          continue;
        if (!hasDoc(member, checker)) report(`${name}.${member.name}`, memberDeclaration);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The members a reader looks up: of classes (static and instance), interfaces and object types. */
function membersOf(symbol: ts.Symbol, declaration: ts.Declaration, checker: ts.TypeChecker): ts.Symbol[] {
  if (ts.isClassDeclaration(declaration)) {
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const ownStatics = checker.getPropertiesOfType(statics).filter((p) => p.name !== "prototype");
    return [...checker.getPropertiesOfType(instance), ...ownStatics];
  }
  if (ts.isInterfaceDeclaration(declaration)) {
    return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol));
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    // Object types written out (`type X = { ... }`, or a union of them): their fields are options.
    const literals: readonly ts.TypeNode[] = ts.isUnionTypeNode(declaration.type)
      ? declaration.type.types
      : [declaration.type];
    return literals.filter(ts.isTypeLiteralNode).flatMap((literal: ts.TypeLiteralNode) =>
      literal.members.flatMap((m: ts.TypeElement) => {
        const member = m.name && checker.getSymbolAtLocation(m.name);
        return member ? [member] : [];
      }),
    );
  }
  return [];
}

function inSource(declaration: ts.Declaration): boolean {
  return declaration.getSourceFile().fileName.startsWith(srcDir);
}

function hasDoc(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "") return true;
  // An overloaded method is documented when each of its signatures is.
  const declarations = symbol.declarations ?? [];
  return (
    declarations.length > 1 &&
    declarations.every((d) => ts.getJSDocCommentsAndTags(d).some((doc) => ts.isJSDoc(doc) && doc.comment))
  );
}

function isHidden(declaration: ts.Declaration): boolean {
  return ts
    .getJSDocTags(declaration)
    .some((tag) => ["internal", "hidden", "ignore"].includes(tag.tagName.text));
}

function isPrivate(member: ts.Symbol, declaration: ts.Declaration): boolean {
  if (member.name.startsWith("#") || member.name.startsWith("__@")) return true;
  const flags = ts.getCombinedModifierFlags(declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const missing = undocumentedExports();
  for (const { name, where } of missing) console.log(`${name}  (${where})`);
  console.log(`${missing.length} without a doc comment`);
}
