// Media uploads against a scripted server: every kind of input, content-based types, refusals
// before any request, waiting for processing, the v1 fallback, thumbnails, updates and deletes.
import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  Mastodon,
  MastodonAPIError,
  MastodonError,
  MastodonFileNotFoundError,
  MastodonIllegalArgumentError,
  MastodonIOError,
  MastodonMediaTimeoutError,
  type MastodonOptions,
  MastodonVersionError,
} from "../src/index.js";
import { json, type ParsedRequest, startServer, type TestServer } from "./support/http-server.js";
import { UploadedFile } from "./support/params.js";
import { recordedPath } from "./support/recorded.js";

const IMAGE = join(dirname(recordedPath()), "media", "image.jpg");
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];

/** A fake file: a real signature followed by filler bytes. */
function fakeFile(head: number[], size = 256): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size).fill(0x20);
  out.set(head);
  return out;
}

function attachment(id: string, url: string | null, extra: object = {}) {
  return {
    id,
    type: "image",
    url,
    preview_url: "http://x/small.jpg",
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {},
    description: null,
    blurhash: "U",
    ...extra,
  };
}

type Handler = (req: ParsedRequest, res: ServerResponse) => void;

async function setup(
  t: { after(fn: () => unknown): void },
  handler: Handler = (req, res) =>
    json(res, 200, attachment("1", "http://x/file.jpg", { description: req.params.description ?? null })),
  options: Partial<MastodonOptions> = {},
): Promise<{ server: TestServer; api: Mastodon }> {
  const server = await startServer(handler);
  t.after(() => server.close());
  const api = new Mastodon({
    api_base_url: server.url,
    access_token: "secret-token",
    user_agent: "tests/v311",
    mastodon_version: "4.5.0",
    ...options,
  });
  return { server, api };
}

function filePart(req: ParsedRequest | undefined, field = "file"): UploadedFile {
  const part = req?.params[field];
  assert.ok(part instanceof UploadedFile, `${field} is a multipart file part`);
  return part;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mastodon-ts-media-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mediaPost: what a file may be", () => {
  test("a path, a file: URL, a Blob, a File, bytes, a Buffer, an ArrayBuffer and streams", async (t) => {
    const { server, api } = await setup(t);
    const content = await readFile(IMAGE);
    const inputs: Array<[string, () => unknown]> = [
      ["path", () => IMAGE],
      ["file: URL", () => pathToFileURL(IMAGE)],
      ["Blob", () => new Blob([content])],
      ["File", () => new File([content], "walk.jpeg")],
      ["Uint8Array", () => new Uint8Array(content)],
      ["Buffer", () => content],
      ["ArrayBuffer", () => content.buffer.slice(content.byteOffset, content.byteOffset + content.length)],
      ["web ReadableStream", () => new Blob([content]).stream()],
      ["Node fs.ReadStream", () => createReadStream(IMAGE, { highWaterMark: 4096 })],
      ["Node Readable", () => Readable.from([content.subarray(0, 1000), content.subarray(1000)])],
    ];
    for (const [kind, make] of inputs) {
      const before = server.requests.length;
      const media = await api.mediaPost(make() as Blob);
      assert.equal(media.id, "1", kind);
      assert.equal(server.requests.length, before + 1, kind);
      const req = server.requests.at(-1);
      assert.equal(req?.method, "POST");
      assert.equal(req?.path, "/api/v2/media");
      const part = filePart(req);
      assert.equal(part.contentType, "image/jpeg", kind);
      assert.equal(part.size, content.length, `${kind}: every byte was sent`);
      assert.match(part.filename, /^mastodon-ts-upload-[0-9a-f-]{36}\.jpg$/, kind);
      assert.match(String(req?.headers.authorization), /^Bearer /);
    }
  });

  test("the type comes from the content, not from a misleading name", async (t) => {
    const { server, api } = await setup(t);
    await api.mediaPost(new File([fakeFile(PNG_HEAD)], "actually-a-png.jpg", { type: "image/jpeg" }));
    assert.equal(filePart(server.requests[0]).contentType, "image/png");
    const path = join(dir, "png-named-gif.gif");
    await writeFile(path, fakeFile(PNG_HEAD));
    await api.mediaPost(path);
    assert.equal(filePart(server.requests[1]).contentType, "image/png");
  });

  test("unrecognisable content falls back to mime_type, then to the file's name or Blob type", async (t) => {
    const { server, api } = await setup(t);
    const opaque = new Uint8Array(64).fill(7);
    await api.mediaPost(opaque, { mime_type: "image/heic" });
    assert.equal(filePart(server.requests[0]).contentType, "image/heic");
    const named = join(dir, "clip.mov");
    await writeFile(named, opaque);
    await api.mediaPost(named);
    assert.equal(filePart(server.requests[1]).contentType, "video/quicktime");
    await api.mediaPost(new Blob([opaque], { type: "audio/flac" }));
    assert.equal(filePart(server.requests[2]).contentType, "audio/flac");
  });

  test("a declared type of the same container is kept (audio-only WebM, 3GP audio)", async (t) => {
    const { server, api } = await setup(t);
    const webm = fakeFile([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
    await api.mediaPost(webm, { mime_type: "audio/webm" });
    assert.equal(filePart(server.requests[0]).contentType, "audio/webm");
    await api.mediaPost(webm);
    assert.equal(filePart(server.requests[1]).contentType, "video/webm");
    const threeGp = fakeFile([0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x33, 0x67, 0x70, 0x34]);
    await api.mediaPost(threeGp);
    assert.equal(filePart(server.requests[2]).contentType, "audio/3gpp", "the name Mastodon accepts");
  });

  test("file_name, description and focus travel with the upload", async (t) => {
    const { server, api } = await setup(t);
    const media = await api.mediaPost(IMAGE, {
      file_name: "walk.jpg",
      description: "John Lennon doing a funny walk",
      focus: [-0.5, 0.3],
    });
    assert.equal(media.description, "John Lennon doing a funny walk");
    const req = server.requests[0];
    assert.equal(filePart(req).filename, "walk.jpg");
    assert.equal(req?.params.description, "John Lennon doing a funny walk");
    assert.equal(req?.params.focus, "-0.5,0.3");
    await api.mediaPost(IMAGE, { focus: "0,1" });
    assert.equal(server.requests[1]?.params.focus, "0,1");
  });

  test("a thumbnail goes as a second file part", async (t) => {
    const { server, api } = await setup(t);
    await api.mediaPost(fakeFile([0, 0, 0, 0x10, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]), {
      thumbnail: IMAGE,
    });
    assert.equal(filePart(server.requests[0]).contentType, "video/mp4");
    assert.equal(filePart(server.requests[0], "thumbnail").contentType, "image/jpeg");
  });

  test("servers that take any file (feature_set pleroma) get types Mastodon refuses", async (t) => {
    const { server, api } = await setup(t, undefined, { feature_set: "pleroma" });
    await api.mediaPost(new TextEncoder().encode("%PDF-1.7\n..."), { file_name: "paper.pdf" });
    assert.equal(filePart(server.requests[0]).contentType, "application/pdf");
    assert.match(filePart(server.requests[0]).filename, /paper\.pdf$/);
  });
});

describe("mediaPost: refused before any request", () => {
  const cases: Array<[string, (api: Mastodon) => Promise<unknown>, new (...a: never[]) => Error, RegExp]> = [
    [
      "a missing file",
      (api) => api.mediaPost(join("/nonexistent", "cat.jpg")),
      MastodonFileNotFoundError,
      /mediaPost\(\): media_file: there is no file at ".*cat\.jpg"/,
    ],
    [
      "a missing file as a file: URL",
      (api) => api.mediaPost(new URL("file:///nonexistent/cat.jpg")),
      MastodonFileNotFoundError,
      /no file at/,
    ],
    ["a directory", (api) => api.mediaPost(tmpdir()), MastodonFileNotFoundError, /is a directory/],
    [
      "a stream of a missing file",
      (api) => api.mediaPost(createReadStream("/nonexistent/cat.jpg")),
      MastodonFileNotFoundError,
      /no file at/,
    ],
    [
      "a stream that fails",
      (api) =>
        api.mediaPost(
          new ReadableStream({
            pull(controller) {
              controller.error(new Error("disk on fire"));
            },
          }),
        ),
      MastodonIOError,
      /reading the stream failed \(disk on fire\)/,
    ],
    ["an empty file", (api) => api.mediaPost(new Uint8Array(0)), MastodonIllegalArgumentError, /is empty/],
    [
      "a PDF",
      (api) => api.mediaPost(new TextEncoder().encode("%PDF-1.7\n...")),
      MastodonIllegalArgumentError,
      /media_file is a PDF document \(application\/pdf\), which Mastodon does not accept\. It takes images/,
    ],
    [
      "an SVG",
      (api) => api.mediaPost(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")),
      MastodonIllegalArgumentError,
      /SVG image \(image\/svg\+xml\), which Mastodon does not accept/,
    ],
    [
      "a declared type Mastodon does not take",
      (api) => api.mediaPost(new Uint8Array(64).fill(7), { mime_type: "application/x-tar" }),
      MastodonIllegalArgumentError,
      /application\/x-tar\), which Mastodon does not accept/,
    ],
    [
      "unrecognisable content without a type",
      (api) => api.mediaPost(new Uint8Array(64).fill(7)),
      MastodonIllegalArgumentError,
      /could not tell what kind of file this is.*Pass mime_type/,
    ],
    [
      "a mime_type that contradicts the content",
      (api) => api.mediaPost(IMAGE, { mime_type: "image/png" }),
      MastodonIllegalArgumentError,
      /mime_type says image\/png, but the content is a JPEG image \(image\/jpeg\)/,
    ],
    [
      "a malformed mime_type",
      (api) => api.mediaPost(IMAGE, { mime_type: "jpeg" }),
      MastodonIllegalArgumentError,
      /mime_type must look like "image\/png"; got "jpeg"/,
    ],
    [
      "a file_name that is not a string",
      (api) => api.mediaPost(IMAGE, { file_name: 5 as never }),
      MastodonIllegalArgumentError,
      /file_name must be a string/,
    ],
    [
      "an http URL",
      (api) => api.mediaPost(new URL("https://example.com/cat.jpg")),
      MastodonIllegalArgumentError,
      /only file: URLs can be read; got a https: URL/,
    ],
    [
      "an object that is no file",
      (api) => api.mediaPost({ name: "cat.jpg" } as never),
      MastodonIllegalArgumentError,
      /media_file must be a file path, a file: URL, a Blob or File, bytes .* got an object \(Object\)/,
    ],
    [
      "no file at all",
      (api) => api.mediaPost(undefined as never),
      MastodonIllegalArgumentError,
      /needs media_file/,
    ],
    ["an empty path", (api) => api.mediaPost(""), MastodonIllegalArgumentError, /the file path is empty/],
    [
      "focus out of range",
      (api) => api.mediaPost(IMAGE, { focus: [0, 2] }),
      MastodonIllegalArgumentError,
      /mediaPost\(\): focus must be \[x, y\] .* between -1 and 1.*got \[0,2\]/,
    ],
    [
      "focus with one number",
      (api) => api.mediaPost(IMAGE, { focus: [0.5] as never }),
      MastodonIllegalArgumentError,
      /focus must be \[x, y\]/,
    ],
    [
      "focus as a bad string",
      (api) => api.mediaPost(IMAGE, { focus: "left" }),
      MastodonIllegalArgumentError,
      /focus must be \[x, y\]/,
    ],
    [
      "a description that is not text",
      (api) => api.mediaPost(IMAGE, { description: 42 as never }),
      MastodonIllegalArgumentError,
      /mediaPost\(\): description must be a string; got number/,
    ],
    [
      "a non-positive synchronous_timeout",
      (api) => api.mediaPost(IMAGE, { synchronous: true, synchronous_timeout: 0 }),
      MastodonIllegalArgumentError,
      /synchronous_timeout must be a positive number of seconds; got 0/,
    ],
    [
      "a stray positional argument",
      (api) => api.mediaPost(IMAGE, "image/jpeg" as never),
      MastodonIllegalArgumentError,
      /mediaPost\(\): the last argument must be an options object/,
    ],
    [
      "a thumbnail that is a video",
      (api) =>
        api.mediaPost(IMAGE, {
          thumbnail: fakeFile([0, 0, 0, 0x10, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]),
        }),
      MastodonIllegalArgumentError,
      /thumbnail must be an image .* got an MPEG-4 video/,
    ],
    [
      "a missing thumbnail file",
      (api) => api.mediaPost(IMAGE, { thumbnail: "/nonexistent/thumb.jpg" }),
      MastodonFileNotFoundError,
      /mediaPost\(\): thumbnail: there is no file/,
    ],
  ];
  for (const [name, call, errorClass, message] of cases) {
    test(name, async (t) => {
      const { server, api } = await setup(t);
      await assert.rejects(call(api), (error: unknown) => {
        assert.ok(error instanceof errorClass, `${(error as Error).name}: ${(error as Error).message}`);
        assert.match((error as Error).message, message);
        assert.doesNotMatch((error as Error).message, /secret-token/);
        return true;
      });
      assert.equal(server.requests.length, 0, "nothing was sent");
    });
  }

  test("a thumbnail on a server older than 3.2.0", async (t) => {
    const { server, api } = await setup(t, undefined, { mastodon_version: "3.1.0" });
    await assert.rejects(api.mediaPost(IMAGE, { thumbnail: IMAGE }), MastodonVersionError);
    await assert.rejects(api.mediaUpdate("1", { thumbnail: IMAGE }), /thumbnails need Mastodon 3\.2\.0/);
    assert.equal(server.requests.length, 0);
  });
});

describe("mediaPost: waiting for processing", () => {
  /** Answers the upload with 202 (url null), then `pending` times 206, then 200 with the url. */
  function processing(pending: number): Handler {
    let polls = 0;
    return (req, res) => {
      if (req.method === "POST") return json(res, 202, attachment("7", null));
      polls++;
      if (polls <= pending) return json(res, 206, attachment("7", null));
      return json(res, 200, attachment("7", "http://x/done.mp4"));
    };
  }

  test("without synchronous, the unprocessed attachment comes back at once", async (t) => {
    const { server, api } = await setup(t, processing(0));
    const media = await api.mediaPost(IMAGE);
    assert.equal(media.url, null);
    assert.equal(server.requests.length, 1);
  });

  test("synchronous polls GET /api/v1/media/:id through 206 answers until url is set", async (t) => {
    const { server, api } = await setup(t, processing(2));
    const media = await api.mediaPost(IMAGE, { synchronous: true, synchronous_interval: 0.01 });
    assert.equal(media.url, "http://x/done.mp4");
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ["POST /api/v2/media", "GET /api/v1/media/7", "GET /api/v1/media/7", "GET /api/v1/media/7"],
    );
  });

  test("synchronous: an answer about the upload without a media id is the server's fault, said as such", async (t) => {
    const answers: Array<[string, unknown, unknown]> = [
      ["a list from the upload", [], undefined],
      ["a number from the upload", 5, undefined],
      ["an object without an id from the upload", { url: null }, undefined],
      ["a number from the poll", attachment("7", null), 7],
    ];
    for (const [what, upload, poll] of answers) {
      const { api } = await setup(t, (req, res) =>
        req.method === "POST" ? json(res, 202, upload) : json(res, 206, poll),
      );
      await assert.rejects(
        api.mediaPost(IMAGE, { synchronous: true, synchronous_interval: 0.01 }),
        (error: unknown) => {
          assert.ok(error instanceof MastodonAPIError, `${what}: ${String(error)}`);
          assert.match(error.message, /the server's answer about the upload has no media id/, what);
          return true;
        },
      );
    }
  });

  test("synchronous gives up after synchronous_timeout with a clear error", async (t) => {
    const { server, api } = await setup(t, processing(Number.POSITIVE_INFINITY));
    await assert.rejects(
      api.mediaPost(IMAGE, { synchronous: true, synchronous_timeout: 0.05, synchronous_interval: 0.01 }),
      (error: unknown) => {
        assert.ok(error instanceof MastodonMediaTimeoutError);
        assert.ok(error instanceof MastodonError);
        assert.equal(error.media_id, "7");
        assert.ok(error.waited_seconds >= 0.05);
        assert.match(error.message, /still processing media 7 after .* s \(synchronous_timeout is 0\.05 s\)/);
        assert.match(error.message, /allow more time with synchronous_timeout/);
        return true;
      },
    );
    assert.ok(server.requests.length >= 2, "it did poll");
  });

  test("a failure while polling is reported as it is", async (t) => {
    const { api } = await setup(t, (req, res) =>
      req.method === "POST"
        ? json(res, 202, attachment("7", null))
        : json(res, 422, { error: "Error processing thumbnail for uploaded media" }),
    );
    await assert.rejects(
      api.mediaPost(IMAGE, { synchronous: true, synchronous_interval: 0.01 }),
      /Error processing thumbnail/,
    );
  });
});

describe("mediaPost: endpoint by server version", () => {
  test("servers without /api/v2/media get /api/v1/media", async (t) => {
    const { server, api } = await setup(t, (req, res) =>
      req.path === "/api/v2/media"
        ? json(res, 404, { error: "Not found" })
        : json(res, 200, attachment("3", "http://x/a.jpg")),
    );
    const media = await api.mediaPost(IMAGE);
    assert.equal(media.id, "3");
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ["/api/v2/media", "/api/v1/media"],
    );
    assert.ok(filePart(server.requests[1]), "the file was sent again");
  });

  test("a server known to be older than 3.1.4 gets /api/v1/media directly", async (t) => {
    const { server, api } = await setup(t, undefined, { mastodon_version: "3.0.0" });
    await api.mediaPost(IMAGE);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ["/api/v1/media"],
    );
  });
});

describe("media, mediaUpdate, mediaDelete", () => {
  test("media(id) reads an upload; ids may be entities", async (t) => {
    const { server, api } = await setup(t);
    await api.media("42");
    await api.media({ id: "43" });
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ["GET /api/v1/media/42", "GET /api/v1/media/43"],
    );
  });

  test("mediaUpdate sends description and focus as JSON", async (t) => {
    const { server, api } = await setup(t);
    await api.mediaUpdate({ id: "42" }, { description: "A cat", focus: [0.1, -0.2] });
    const req = server.requests[0];
    assert.equal(req?.method, "PUT");
    assert.equal(req?.path, "/api/v1/media/42");
    assert.match(String(req?.headers["content-type"]), /application\/json/);
    assert.deepEqual(JSON.parse(req?.rawBody.toString() ?? ""), { description: "A cat", focus: "0.1,-0.2" });
  });

  test("mediaUpdate with a thumbnail sends multipart", async (t) => {
    const { server, api } = await setup(t);
    await api.mediaUpdate("42", { thumbnail: IMAGE, description: "A cat" });
    const req = server.requests[0];
    assert.match(String(req?.headers["content-type"]), /multipart\/form-data/);
    assert.equal(filePart(req, "thumbnail").contentType, "image/jpeg");
    assert.equal(req?.params.description, "A cat");
  });

  test("mediaUpdate refuses bad input before any request", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.mediaUpdate(undefined as never), /mediaUpdate\(\): id must be an id/);
    await assert.rejects(api.mediaUpdate("42", { focus: [3, 0] }), /mediaUpdate\(\): focus must be/);
    await assert.rejects(
      api.mediaUpdate("42", { description: ["x"] as never }),
      /description must be a string/,
    );
    await assert.rejects(api.mediaUpdate("42", { thumbnail: "/nonexistent.jpg" }), MastodonFileNotFoundError);
    assert.equal(server.requests.length, 0);
  });

  test("mediaDelete removes an unattached upload", async (t) => {
    const { server, api } = await setup(t, (_req, res) => json(res, 200, {}));
    assert.deepEqual(await api.mediaDelete("42"), {});
    assert.equal(server.requests[0]?.method, "DELETE");
    assert.equal(server.requests[0]?.path, "/api/v1/media/42");
  });

  test("media and mediaDelete refuse a missing id before any request", async (t) => {
    const { server, api } = await setup(t);
    await assert.rejects(api.media(undefined as never), MastodonIllegalArgumentError);
    await assert.rejects(api.mediaDelete(null as never), MastodonIllegalArgumentError);
    assert.equal(server.requests.length, 0);
  });
});
