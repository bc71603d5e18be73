/**
 * The sandbox's media area over real sockets, with the library (mediaPost, media, mediaUpdate,
 * mediaDelete, statusPost with media_ids) and with raw fetch for the exact codes and bodies: v1 answers
 * 200 processed, v2 answers 202 for video and audio and GET goes 206 then 200 as the clock moves, real
 * sizes of the sample JPEGs and of generated PNG/GIF/WebP files, the files served back, and every
 * refusal with Mastodon's status and text.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { blurhashComponents, decodeBlurhash, type MediaAttachment } from "../src/index.js";
import { createApp, createToken } from "../src/sandbox/accounts-store.js";
import { FIXED_BLURHASH } from "../src/sandbox/blurhash-fixed.js";
import { readImageSize } from "../src/sandbox/image-size.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { form, gif, jpegHeader, mp4, png, pngHeader, wav, webp } from "./sandbox-media-support.js";
import { conformanceMediaPath } from "./support/recorded.js";

const SAMPLES = conformanceMediaPath();
const IMAGE_JPG = `${SAMPLES}/image.jpg`;
const PROGRESSIVE_JPG = `${SAMPLES}/amewatson.jpg`;
const VIDEO_MP4 = `${SAMPLES}/video.mp4`;
const PROCESSING_MS = 5000;
const NOT_FOUND = { status: 404, body: { error: "Record not found" } };

let sb: Sandbox;
let clock = Date.parse("2026-03-01T12:00:00Z");
let token: string;
let bobToken: string;

before(async () => {
  sb = await startSandbox({
    port: 0,
    now: () => clock,
    media_processing_ms: PROCESSING_MS,
    ratelimit: "100000/5m",
  });
  token = sb.users[0]!.access_token;
  bobToken = sb.users[1]!.access_token;
});
after(() => sb.close());

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  body?: FormData | object,
  bearer: string | null = token,
): Promise<Answer> {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  let payload: BodyInit | null = null;
  if (body instanceof FormData) payload = body;
  else if (body) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${sb.url}${path}`, { method, headers, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function upload(version: "v1" | "v2", fields: Parameters<typeof form>[0], bearer: string | null = token) {
  return call("POST", `/api/${version}/media`, form(fields), bearer);
}

const meta = (media: Record<string, unknown>) => media.meta as Record<string, Record<string, unknown>>;

describe("uploading images", () => {
  test("the library uploads a JPEG: processed at once, its real size, Mastodon's small size, focus and description", async () => {
    const alice = sb.client("alice");
    const media = await alice.mediaPost(IMAGE_JPG, { description: "a cat", focus: [-0.5, 0.3] });
    assert.equal(media.type, "image");
    assert.equal(media.url, `${sb.url}/system/media/${media.id}`);
    assert.equal(media.preview_url, `${sb.url}/system/media/${media.id}/small`);
    assert.equal(media.remote_url, null);
    assert.equal(media.text_url, null);
    assert.equal(media.preview_remote_url, null);
    assert.equal(media.description, "a cat");
    assert.deepEqual(media.meta, {
      original: { width: 600, height: 600, size: "600x600", aspect: 1 },
      small: { width: 480, height: 480, size: "480x480", aspect: 1 },
      focus: { x: -0.5, y: 0.3 },
    });
    assert.equal(media.blurhash, FIXED_BLURHASH.image);
    const pixels = decodeBlurhash(media, { out_size: [4, 3], size_per_component: false });
    assert.equal(pixels.length, 3);
    assert.deepEqual(blurhashComponents(media.blurhash), [4, 3]);

    const served = await fetch(media.url!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/jpeg");
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), readFileSync(IMAGE_JPG));
    const preview = await fetch(media.preview_url!);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get("content-type"), "image/jpeg");
  });

  test("v2 answers 200 for an image, as Mastodon 4.x processes images before answering; no focus key until one is set", async () => {
    const { status, body } = await upload("v2", {
      file: { data: readFileSync(PROGRESSIVE_JPG), type: "image/jpeg" },
    });
    assert.equal(status, 200);
    assert.equal(typeof body.url, "string");
    assert.equal(body.description, null);
    // A progressive JPEG (SOF2) read for its size; smaller than the small box, so not shrunk.
    assert.deepEqual(meta(body), {
      original: { width: 400, height: 400, size: "400x400", aspect: 1 },
      small: { width: 400, height: 400, size: "400x400", aspect: 1 },
    });
  });

  test("generated PNG, GIF and WebP files of each kind keep their real sizes, and the shrunk ones keep proportions", async () => {
    const alice = sb.client("alice");
    const cases: [string, Uint8Array, number, number][] = [
      ["PNG", png(3, 2), 3, 2],
      ["GIF", gif(5, 7), 5, 7],
      ["WebP lossy", webp.lossy(300, 200), 300, 200],
      ["WebP lossless", webp.lossless(1000, 16), 1000, 16],
      ["WebP extended", webp.extended(1280, 720), 1280, 720],
    ];
    for (const [name, bytes, width, height] of cases) {
      const media = await alice.mediaPost(bytes);
      assert.equal(media.type, "image", name);
      const original = media.meta.original as { width: number; height: number; aspect: number };
      assert.deepEqual([original.width, original.height], [width, height], name);
      assert.equal(original.aspect, width / height, name);
    }
    const wide = await alice.mediaPost(webp.extended(1280, 720));
    assert.deepEqual(wide.meta.small, { width: 640, height: 360, size: "640x360", aspect: 640 / 360 });
  });

  test("an image bigger than Mastodon's 3840x2160 original is described at Mastodon's reduced size", async () => {
    const { status, body } = await upload("v1", { file: { data: pngHeader(7680, 4320), type: "image/png" } });
    assert.equal(status, 200);
    assert.deepEqual(meta(body).original, {
      width: 3840,
      height: 2160,
      size: "3840x2160",
      aspect: 3840 / 2160,
    });
  });

  test("an image Mastodon will not take for its size: 422 with its own message", async () => {
    assert.deepEqual(await upload("v2", { file: { data: pngHeader(10000, 10000), type: "image/png" } }), {
      status: 422,
      body: { error: "10000x10000 images are not supported" },
    });
    assert.deepEqual(await upload("v2", { file: { data: gif(2000, 1000), type: "image/gif" } }), {
      status: 422,
      body: { error: "2000x1000 GIF files are not supported" },
    });
  });
});

describe("processing: v2 answers 202, then GET 206, then 200", () => {
  test("a video goes 202 (url null, preview ready) -> 206 -> 200 as the clock passes media_processing_ms", async () => {
    const posted = await upload("v2", {
      file: { data: readFileSync(VIDEO_MP4), type: "video/mp4", name: "video.mp4" },
      description: "me when a cat",
      focus: "-0.5,0.3",
    });
    assert.equal(posted.status, 202);
    const id = posted.body.id as string;
    assert.equal(posted.body.type, "video");
    assert.equal(posted.body.url, null);
    assert.equal(posted.body.preview_url, `${sb.url}/system/media/${id}/small`);
    assert.equal(posted.body.blurhash, FIXED_BLURHASH.video);
    // Read from the MP4's movie and track headers: the same numbers a real Mastodon gave for this file.
    // The colours are the sandbox's fixed player colours (it decodes no picture); see media-colors.ts.
    assert.deepEqual(meta(posted.body), {
      colors: { background: "#1f232b", foreground: "#f4f4f6", accent: "#6364ff" },
      original: { width: 640, height: 640, frame_rate: "30/1", duration: 7.3, bitrate: 2187124 },
      small: { width: 400, height: 400, size: "400x400", aspect: 1 },
      focus: { x: -0.5, y: 0.3 },
    });

    clock += PROCESSING_MS - 1;
    const processing = await call("GET", `/api/v1/media/${id}`);
    assert.equal(processing.status, 206);
    assert.equal(processing.body.url, null);

    // The update route answers with the same 206 while processing.
    const updated = await call("PUT", `/api/v1/media/${id}`, { description: "still going" });
    assert.equal(updated.status, 206);
    assert.equal(updated.body.description, "still going");

    clock += 1;
    const done = await call("GET", `/api/v1/media/${id}`);
    assert.equal(done.status, 200);
    assert.equal(done.body.url, `${sb.url}/system/media/${id}`);

    const served = await fetch(done.body.url as string);
    assert.equal(served.headers.get("content-type"), "video/mp4");
    assert.equal((await served.arrayBuffer()).byteLength, readFileSync(VIDEO_MP4).length);
    const preview = await fetch(done.body.preview_url as string);
    assert.equal(preview.headers.get("content-type"), "image/png");
    assert.deepEqual(readImageSize(new Uint8Array(await preview.arrayBuffer())), { width: 1, height: 1 });
  });

  test("v1 processes a video before answering: 200 with its url", async () => {
    const { status, body } = await upload("v1", { file: { data: mp4(320, 240, 2), type: "video/mp4" } });
    assert.equal(status, 200);
    assert.equal(typeof body.url, "string");
    assert.deepEqual(meta(body).original, {
      width: 320,
      height: 240,
      duration: 2,
      bitrate: Math.round((mp4(320, 240, 2).length * 8) / 2),
    });
  });

  test("audio: 202 on v2, no preview and a null blurhash without a thumbnail; a thumbnail gives both", async () => {
    const bare = await upload("v2", { file: { data: wav(), type: "audio/wave" } });
    assert.equal(bare.status, 202);
    assert.equal(bare.body.type, "audio");
    assert.equal(bare.body.preview_url, null);
    assert.equal(bare.body.blurhash, null);
    assert.deepEqual(meta(bare.body), {});

    const covered = await upload("v2", {
      file: { data: wav(), type: "audio/wav" },
      thumbnail: { data: png(8, 6), type: "image/png" },
    });
    assert.equal(covered.status, 202);
    assert.equal(covered.body.blurhash, FIXED_BLURHASH.audio);
    assert.deepEqual(meta(covered.body).small, { width: 8, height: 6, size: "8x6", aspect: 8 / 6 });
    const preview = await fetch(covered.body.preview_url as string);
    assert.equal(preview.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await preview.arrayBuffer()), png(8, 6));
    const file = await fetch(`${sb.url}/system/media/${covered.body.id}`);
    assert.equal(file.headers.get("content-type"), "audio/wave");
  });

  test("the library's synchronous mediaPost waits for processing (real clock, short processing)", async (t) => {
    const quick = await startSandbox({ port: 0, media_processing_ms: 150 });
    t.after(() => quick.close());
    const media = await quick
      .client("alice")
      .mediaPost(mp4(64, 48, 1), { synchronous: true, synchronous_interval: 0.05, synchronous_timeout: 10 });
    assert.equal(media.url, `${quick.url}/system/media/${media.id}`);
    const again = await quick.client("alice").media(media.id);
    assert.equal(again.url, media.url);
  });
});

describe("reading, updating and deleting uploads", () => {
  let mine: MediaAttachment;
  before(async () => {
    mine = await sb.client("alice").mediaPost(png(2, 2));
  });

  test("mediaUpdate sets the description and focus; PATCH works the same", async () => {
    const alice = sb.client("alice");
    const updated = await alice.mediaUpdate(mine.id, { description: "two grey pixels", focus: [0.25, -1] });
    assert.equal(updated.description, "two grey pixels");
    assert.deepEqual(updated.meta.focus, { x: 0.25, y: -1 });
    const patched = await call("PATCH", `/api/v1/media/${mine.id}`, { focus: "0.5,0.5" });
    assert.equal(patched.status, 200);
    assert.deepEqual(meta(patched.body).focus, { x: 0.5, y: 0.5 });
    assert.equal(patched.body.description, "two grey pixels");
    assert.equal((await alice.media(mine.id)).description, "two grey pixels");
  });

  test("focus is read as Ruby's to_f reads it: junk is 0, a missing y is 0", async () => {
    const junk = await call("PUT", `/api/v1/media/${mine.id}`, { focus: "abc,0.7junk" });
    assert.deepEqual(meta(junk.body).focus, { x: 0, y: 0.7 });
    const half = await call("PUT", `/api/v1/media/${mine.id}`, { focus: "0.3" });
    assert.deepEqual(meta(half.body).focus, { x: 0.3, y: 0 });
    const list = await call("PUT", `/api/v1/media/${mine.id}`, { focus: [0.1, 0.2] });
    assert.deepEqual(meta(list.body).focus, { x: 0.1, y: 0.2 });
  });

  test("someone else's upload, an unknown id and a malformed id are 404 Record not found", async () => {
    assert.deepEqual(await call("GET", `/api/v1/media/${mine.id}`, undefined, bobToken), NOT_FOUND);
    assert.deepEqual(
      await call("PUT", `/api/v1/media/${mine.id}`, { description: "mine now" }, bobToken),
      NOT_FOUND,
    );
    assert.deepEqual(await call("DELETE", `/api/v1/media/${mine.id}`, undefined, bobToken), NOT_FOUND);
    assert.deepEqual(await call("GET", "/api/v1/media/99999999999"), NOT_FOUND);
    assert.deepEqual(await call("GET", "/api/v1/media/%E2%80%AE..%2F"), NOT_FOUND);
    assert.notEqual((await sb.client("alice").media(mine.id)).description, "mine now");
  });

  test("an update with a description over 10000 characters or a thumbnail on an image is refused, nothing changed", async () => {
    const before = await call("GET", `/api/v1/media/${mine.id}`);
    assert.deepEqual(await call("PUT", `/api/v1/media/${mine.id}`, { description: "x".repeat(10_001) }), {
      status: 422,
      body: { error: "Validation failed: Description is too long (maximum is 10000 characters)" },
    });
    const withThumb = await call(
      "PUT",
      `/api/v1/media/${mine.id}`,
      form({ thumbnail: { data: png(1, 1), type: "image/png" }, description: "changed?" }),
    );
    assert.deepEqual(withThumb, {
      status: 422,
      body: { error: "Validation failed: Thumbnail must be blank" },
    });
    assert.deepEqual(await call("GET", `/api/v1/media/${mine.id}`), before);
    // 10000 characters (counted as characters, not UTF-16 units) are fine.
    const emoji = "😀".repeat(10_000);
    const long = await call("PUT", `/api/v1/media/${mine.id}`, { description: emoji });
    assert.equal(long.status, 200);
  });

  test("attached media: GET and PUT answer 404, DELETE 422; unattached media is deleted with 200 {}", async () => {
    const alice = sb.client("alice");
    const attached = await alice.mediaPost(png(4, 4));
    const status = await alice.statusPost("with a picture", { media_ids: [attached.id] });
    assert.deepEqual("media_attachments" in status ? status.media_attachments.map((m) => m.id) : [], [
      attached.id,
    ]);
    assert.deepEqual(await call("GET", `/api/v1/media/${attached.id}`), NOT_FOUND);
    assert.deepEqual(await call("PUT", `/api/v1/media/${attached.id}`, { description: "late" }), NOT_FOUND);
    assert.deepEqual(await call("DELETE", `/api/v1/media/${attached.id}`), {
      status: 422,
      body: { error: "Media attachment is currently used by a status" },
    });
    // The file stays served.
    assert.equal((await fetch(`${sb.url}/system/media/${attached.id}`)).status, 200);

    const loose = await alice.mediaPost(png(1, 1));
    assert.deepEqual(await alice.mediaDelete(loose.id), {});
    assert.deepEqual(await call("GET", `/api/v1/media/${loose.id}`), NOT_FOUND);
    assert.deepEqual(await call("DELETE", `/api/v1/media/${loose.id}`), NOT_FOUND);
    assert.equal((await fetch(`${sb.url}/system/media/${loose.id}`)).status, 404);
  });
});

describe("profile pictures are media records, but not uploads", () => {
  test("an avatar is served, yet GET and DELETE /api/v1/media/:id do not know it", async () => {
    const alice = sb.client("alice");
    const me = await alice.accountUpdateCredentials({ avatar: png(5, 5) });
    const id = sb.context.state.accounts.get(me.id)!.avatar_media_id!;
    assert.equal(me.avatar, `${sb.url}/system/media/${id}`);
    const served = await fetch(me.avatar);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png(5, 5));
    assert.deepEqual(await call("GET", `/api/v1/media/${id}`), NOT_FOUND);
    assert.deepEqual(await call("DELETE", `/api/v1/media/${id}`), NOT_FOUND);
    assert.equal((await fetch(me.avatar)).status, 200);
  });
});

describe("refused uploads", () => {
  const invalidType = { error: "Validation failed: File content type is invalid, File is invalid" };
  const spoofed = { error: "Validation failed: File has contents that are not what they are reported to be" };

  test("no file, an empty file or a file given as text: 422 File can't be blank", async () => {
    const blank = { status: 422, body: { error: "Validation failed: File can't be blank" } };
    assert.deepEqual(await upload("v2", { description: "nothing" }), blank);
    assert.deepEqual(await upload("v2", { file: { data: new Uint8Array(0), type: "image/png" } }), blank);
    assert.deepEqual(await call("POST", "/api/v2/media", { file: "not a file" }), blank);
    assert.deepEqual(await upload("v1", { file: "text" }), blank);
  });

  test("a type Mastodon does not take (declared), whatever the bytes: content type is invalid", async () => {
    assert.deepEqual(await upload("v2", { file: { data: Buffer.from("hello"), type: "text/plain" } }), {
      status: 422,
      body: invalidType,
    });
    assert.deepEqual(await upload("v2", { file: { data: png(1, 1), type: "application/octet-stream" } }), {
      status: 422,
      body: invalidType,
    });
    assert.deepEqual(
      await upload("v1", { file: { data: Buffer.from("%PDF-1.7\n"), type: "application/pdf" } }),
      {
        status: 422,
        body: invalidType,
      },
    );
  });

  test("bytes that are not what the declared type says: Paperclip's spoofing message", async () => {
    const cases: [Uint8Array, string][] = [
      [Buffer.from("hello, I am text"), "image/png"],
      [png(1, 1), "video/mp4"],
      [Buffer.from([0x42, 0x4d, 0, 0, 0, 0]), "image/jpeg"], // a BMP, not a type Mastodon takes
      [Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/png"],
      [mp4(10, 10, 1), "audio/mpeg"],
    ];
    for (const [data, type] of cases) {
      assert.deepEqual(await upload("v2", { file: { data, type } }), { status: 422, body: spoofed }, type);
    }
  });

  test("a JPEG declared as PNG is still an image: accepted, stored as what it is", async () => {
    const { status, body } = await upload("v1", { file: { data: jpegHeader(30, 20), type: "image/png" } });
    assert.equal(status, 200);
    const served = await fetch(body.url as string);
    assert.equal(served.headers.get("content-type"), "image/jpeg");
    assert.deepEqual(meta(body).original, { width: 30, height: 20, size: "30x20", aspect: 1.5 });
  });

  test("a thumbnail that is not an image; several failures in one message", async () => {
    assert.deepEqual(
      await upload("v2", {
        file: { data: mp4(8, 8, 1), type: "video/mp4" },
        thumbnail: { data: wav(), type: "audio/wave" },
      }),
      {
        status: 422,
        body: { error: "Validation failed: Thumbnail content type is invalid, Thumbnail is invalid" },
      },
    );
    assert.deepEqual(
      await upload("v2", {
        file: { data: Buffer.from("text"), type: "text/plain" },
        description: "y".repeat(10_001),
      }),
      {
        status: 422,
        body: {
          error:
            "Validation failed: File content type is invalid, File is invalid, Description is too long (maximum is 10000 characters)",
        },
      },
    );
  });

  test("over max_upload_bytes: 422 with Mastodon's size text; far over: the server's 413", async (t) => {
    const small = await startSandbox({ port: 0, max_upload_bytes: 1000 });
    t.after(() => small.close());
    const bearer = small.users[0]!.access_token;
    const post = (data: Uint8Array) =>
      fetch(`${small.url}/api/v2/media`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}` },
        body: form({ file: { data, type: "image/png" } }),
      });
    const over = await post(Buffer.concat([png(1, 1), Buffer.alloc(1000)]));
    assert.equal(over.status, 422);
    assert.deepEqual(await over.json(), {
      error:
        "Validation failed: File file size must be less than 1000 Bytes, File must be less than 1000 Bytes",
    });
    const fits = await post(png(1, 1));
    assert.equal(fits.status, 200);
    const huge = await post(Buffer.alloc(1000 + 1024 * 1024 + 1));
    assert.equal(huge.status, 413);
    assert.equal(small.context.state.media.count("account", small.users[0]!.id), 1);

    const mib = await startSandbox({ port: 0, max_upload_bytes: 16 * 1024 * 1024 });
    t.after(() => mib.close());
    const exactly = await fetch(`${mib.url}/api/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${mib.users[0]!.access_token}` },
      body: form({
        file: {
          data: Buffer.concat([png(1, 1), Buffer.alloc(16 * 1024 * 1024 - png(1, 1).length)]),
          type: "image/png",
        },
      }),
    });
    assert.deepEqual(await exactly.json(), {
      error: "Validation failed: File file size must be less than 16 MB, File must be less than 16 MB",
    });
  });
});

describe("tokens and scopes", () => {
  test("no token 401; a token without write:media 403 (reading an upload too); an app token 422", async () => {
    assert.deepEqual(await upload("v2", { file: { data: png(1, 1), type: "image/png" } }, null), {
      status: 401,
      body: { error: "The access token is invalid" },
    });
    const ctx = sb.context;
    const app = createApp(ctx, {
      name: "scoped",
      website: null,
      redirect_uris: ["urn:ietf:wg:oauth:2.0:oob"],
      scopes: ["read", "write"],
    });
    const alice = sb.users[0]!;
    const readOnly = createToken(ctx, {
      client_id: app.client_id,
      account_id: alice.id,
      scopes: ["read"],
    }).token;
    const mediaOnly = createToken(ctx, {
      client_id: app.client_id,
      account_id: alice.id,
      scopes: ["write:media"],
    }).token;
    const appOnly = createToken(ctx, { client_id: app.client_id, account_id: null, scopes: ["write"] }).token;
    const outside = { status: 403, body: { error: "This action is outside the authorized scopes" } };
    assert.deepEqual(await upload("v2", { file: { data: png(1, 1), type: "image/png" } }, readOnly), outside);
    const own = await upload("v1", { file: { data: png(1, 1), type: "image/png" } }, mediaOnly);
    assert.equal(own.status, 200);
    assert.deepEqual(await call("GET", `/api/v1/media/${own.body.id}`, undefined, readOnly), outside);
    assert.equal((await call("GET", `/api/v1/media/${own.body.id}`, undefined, mediaOnly)).status, 200);
    assert.deepEqual(await upload("v2", { file: { data: png(1, 1), type: "image/png" } }, appOnly), {
      status: 422,
      body: { error: "This method requires an authenticated user" },
    });
  });
});

describe("default pictures", () => {
  test("the missing avatar and header are small valid PNGs, and new accounts point at them", async () => {
    for (const path of ["/avatars/original/missing.png", "/headers/original/missing.png"]) {
      const res = await fetch(`${sb.url}${path}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/png");
      assert.ok(readImageSize(new Uint8Array(await res.arrayBuffer())));
    }
    const me = await sb.client("bob").accountVerifyCredentials();
    assert.equal(me.avatar, `${sb.url}/avatars/original/missing.png`);
    assert.equal((await fetch(me.header)).status, 200);
    assert.equal((await fetch(`${sb.url}/system/media/12345`)).status, 404);
  });
});
