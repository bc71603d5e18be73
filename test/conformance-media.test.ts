// Media scenarios replayed from real Mastodon 4.6.4 traffic (recorded with Mastodon.py's tests), with
// the media files of the recording read in place from the shared conformance folder.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  MastodonNotFoundError,
  MastodonUnprocessableEntityError,
  type MediaAttachment,
  type Status,
} from "../src/index.js";
import { UploadedFile } from "./support/params.js";
import { conformanceTest, recordedPath } from "./support/recorded.js";
import { recordedClient, replay } from "./support/recorded-client.js";

const MEDIA_DIR = join(dirname(recordedPath()), "media");
const IMAGE = join(MEDIA_DIR, "image.jpg");
const VIDEO = join(MEDIA_DIR, "video.mp4");
const THUMBNAIL = join(MEDIA_DIR, "amewatson.jpg");

/** A file part (`file` or `thumbnail`) of the upload the server saw. */
function uploadedFile(
  server: { requests: { path: string; params: Record<string, unknown> }[] },
  field = "file",
): UploadedFile {
  const upload = server.requests.find((r) => r.path === "/api/v2/media");
  assert.ok(upload, "an upload to /api/v2/media");
  const file = upload.params[field];
  assert.ok(file instanceof UploadedFile, `${field} went as a multipart file part`);
  return file;
}

conformanceTest(
  "test_media_post[False]: a video with thumbnail, description and focus, waited for",
  async (t) => {
    const server = await replay(t, "test_media_post[False]");
    const client = recordedClient(server.url);

    const media = await client.mediaPost(VIDEO, {
      description: "me when a cat",
      focus: [-0.5, 0.3],
      thumbnail: THUMBNAIL,
      synchronous: true,
      synchronous_interval: 0.01,
    });
    // The upload answered 202 with url null; waiting fetched the processed attachment.
    assert.equal(media.id, "117020619601888181");
    assert.equal(media.type, "video");
    assert.match(media.url ?? "", /\/original\/932c0edfaa578808\.mp4$/);
    assert.deepEqual(media.meta.focus, { x: -0.5, y: 0.3 });
    const file = uploadedFile(server);
    assert.equal(file.contentType, "video/mp4", "detected from the content");
    assert.match(file.filename, /\.mp4$/);
    assert.equal(file.size, 1995751, "the whole file was sent");
    const thumbnail = uploadedFile(server, "thumbnail");
    assert.equal(thumbnail.contentType, "image/jpeg");
    assert.equal(thumbnail.size, 26987);

    const status = (await client.statusPost("LOL check this out", { media_ids: [media] })) as Status;
    assert.equal(status.content, "<p>LOL check this out</p>");
    await client.statusDelete(status);
    server.assertAllConsumed();
  },
);

conformanceTest("test_media_post_pathlib: an image given as a file: URL", async (t) => {
  const server = await replay(t, "test_media_post_pathlib");
  const media: MediaAttachment = await recordedClient(server.url).mediaPost(pathToFileURL(IMAGE));
  assert.equal(media.id, "117020576906745532");
  assert.equal(media.type, "image");
  assert.notEqual(media.url, null, "small images are processed before the answer");
  const file = uploadedFile(server);
  assert.equal(file.contentType, "image/jpeg");
  assert.match(file.filename, /\.jpg$/);
  server.assertAllConsumed();
});

conformanceTest("test_status_delete_media: delete_media frees or destroys an attachment", async (t) => {
  const server = await replay(t, "test_status_delete_media");
  const client = recordedClient(server.url);

  const toot = (await client.statusPost("Toot!")) as Status;
  const media = await client.mediaPost(IMAGE);
  const first = (await client.statusPost("Status with media", { media_ids: [media] })) as Status;
  await client.statusDelete(first, { delete_media: false });
  // Kept media can be attached again...
  const second = (await client.statusPost("Status with media reposted", { media_ids: [media.id] })) as Status;
  await client.statusDelete(second, { delete_media: true });
  // ...deleted media cannot.
  await assert.rejects(
    client.statusPost("Trying to repost deleted media", { media_ids: [media] }),
    (error: unknown) => error instanceof MastodonUnprocessableEntityError && error.status === 422,
  );
  await assert.rejects(client.statusDelete(second), MastodonNotFoundError);
  await client.statusDelete(toot);
  server.assertAllConsumed();
});
