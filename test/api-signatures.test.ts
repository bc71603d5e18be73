/**
 * The table-driven methods show real signatures to editors and in the reference: src/api/methods.generated.ts
 * spells out the mapped type of the type maps. Checks that the file is what scripts/api-signatures.ts
 * writes today, that it is exactly the mapped type, and what an editor's hover (the TypeScript
 * language service's quickinfo, as VS Code asks it) shows on a few methods.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { formatGenerated, GENERATED_PATH, renderApiSignatures } from "../scripts/api-signatures.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
// A file an editor would have open: a bot's code using the client.
const HOVER_FILE = join(repoRoot, "test", "hover-probe.ts");
const HOVER_TEXT = `import { Mastodon } from "../src/index.js";
declare const api: Mastodon;
api.statusPost;
api.status;
api.timelineHome;
api.streamUser;
api.accountFollow;
`;

let service: ts.LanguageService;
let program: ts.Program;

before(() => {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.build.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)),
    },
  );
  assert.ok(parsed);
  const options = { ...parsed.options, noEmit: true };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [HOVER_FILE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = name === HOVER_FILE ? HOVER_TEXT : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === HOVER_FILE || ts.sys.fileExists(name),
    readFile: (name) => (name === HOVER_FILE ? HOVER_TEXT : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const built = service.getProgram();
  assert.ok(built);
  program = built;
});

/** What hovering over `api.<name>` in the probe file shows: the signature line and the doc text. */
function hover(name: string): { signature: string; doc: string } {
  const position = HOVER_TEXT.indexOf(`api.${name};`) + "api.".length;
  const info = service.getQuickInfoAtPosition(HOVER_FILE, position);
  assert.ok(info, `no quickinfo for api.${name}`);
  return {
    signature: ts.displayPartsToString(info.displayParts),
    doc: ts.displayPartsToString(info.documentation),
  };
}

test("src/api/methods.generated.ts is what scripts/api-signatures.ts writes (else: node --import tsx scripts/api-signatures.ts)", () => {
  const expected = formatGenerated(renderApiSignatures(program));
  const actual = readFileSync(GENERATED_PATH, "utf8");
  assert.ok(
    actual === expected,
    "src/api/methods.generated.ts is out of date: run node --import tsx scripts/api-signatures.ts",
  );
});

test("the generated ApiMethods is exactly the mapped type of the type maps, both ways", () => {
  const checker = program.getTypeChecker();
  const tables = program.getSourceFile(join(repoRoot, "src", "api", "index.ts"));
  const generated = program.getSourceFile(GENERATED_PATH);
  assert.ok(tables && generated);
  const typeNamed = (file: ts.SourceFile, name: string): ts.Type => {
    const node = file.statements.find(
      (s) => (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name.text === name,
    ) as ts.TypeAliasDeclaration | ts.InterfaceDeclaration | undefined;
    assert.ok(node, `${name} not found`);
    return checker.getTypeAtLocation(node.name);
  };
  const mapped = typeNamed(tables, "TableMethods");
  const spelled = typeNamed(generated, "ApiMethods");
  assert.equal(checker.getPropertiesOfType(spelled).length, checker.getPropertiesOfType(mapped).length);
  assert.ok(checker.isTypeAssignableTo(spelled, mapped), "ApiMethods is not assignable to TableMethods");
  assert.ok(checker.isTypeAssignableTo(mapped, spelled), "TableMethods is not assignable to ApiMethods");
});

test("hovering over table-driven methods shows their parameters, result and doc, not MethodOf<...>", () => {
  const status = hover("status");
  assert.equal(
    status.signature,
    "(method) ApiMethods.status(id: IdLike, options?: NoOptions | undefined): Promise<Status>",
  );
  assert.match(status.doc, /One status by id/);

  const home = hover("timelineHome");
  assert.equal(
    home.signature,
    "(method) ApiMethods.timelineHome(options?: TimelineOptions | undefined): Promise<Status[]>",
  );
  assert.match(home.doc, /home timeline/);

  const follow = hover("accountFollow");
  assert.match(follow.signature, /^\(method\) ApiMethods\.accountFollow\(id: IdLike, options\?: /);
  assert.match(follow.signature, /\): Promise<Relationship>$/);

  for (const name of ["status", "timelineHome", "accountFollow", "streamUser"]) {
    const { signature } = hover(name);
    assert.doesNotMatch(signature, /MethodOf|MethodsOf|args:|\["result"\]/, signature);
  }
});

test("hovering over the stream methods and statusPost shows a signature and real documentation", () => {
  const stream = hover("streamUser");
  assert.equal(
    stream.signature,
    "(method) ApiMethods.streamUser(listener?: StreamListener | undefined, options?: StreamOptions | undefined): StreamHandle",
  );
  assert.match(stream.doc, /home timeline and notifications/);
  assert.match(stream.doc, /Mastodon 1\.1\.0/);

  const post = hover("statusPost");
  // Its first overload (with scheduled_at) and the count of the others.
  assert.match(
    post.signature,
    /^\(method\) Mastodon\.statusPost\(status: string, options: StatusPostOptions/,
  );
  assert.match(post.signature, /Promise<ScheduledStatus> \(\+2 overloads\)$/);
  assert.match(post.doc, /Posts a status/);
});
