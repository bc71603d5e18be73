// Telling file formats apart by their first bytes, and the type names used around it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MASTODON_MEDIA_TYPES } from "../src/api/media/constants.js";
import {
  acceptedSibling,
  extensionFor,
  normaliseMimeType,
  sameKind,
  sniffMimeType,
  typeFromFileName,
} from "../src/api/media/mime-sniff.js";

/** Bytes from numbers and latin-1 strings, padded with zeros to `length`. */
function bytes(parts: Array<number | string>, length = 64): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") out.push(part);
    else for (const ch of part) out.push(ch.charCodeAt(0));
  }
  while (out.length < length) out.push(0);
  return Uint8Array.from(out);
}

/** An ISO base media file header: box size, "ftyp", major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size, "ftyp", major, 0, 0, 0, 0, ...compatible]);
}

describe("sniffMimeType", () => {
  const cases: Array<[string, Uint8Array, string]> = [
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"]), "image/jpeg"],
    ["PNG", bytes([0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, "IHDR"]), "image/png"],
    ["GIF87a", bytes(["GIF87a"]), "image/gif"],
    ["GIF89a", bytes(["GIF89a"]), "image/gif"],
    ["WebP", bytes(["RIFF", 0x24, 0, 0, 0, "WEBPVP8 "]), "image/webp"],
    ["WAV", bytes(["RIFF", 0x24, 0, 0, 0, "WAVEfmt "]), "audio/wave"],
    ["AVI", bytes(["RIFF", 0x24, 0, 0, 0, "AVI LIST"]), "video/x-msvideo"],
    ["MP4 (isom)", ftyp("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4"],
    ["MP4 (mp42)", ftyp("mp42", "isom", "mp42"), "video/mp4"],
    ["QuickTime", ftyp("qt  ", "qt  "), "video/quicktime"],
    ["M4A", ftyp("M4A ", "M4A ", "mp42", "isom"), "audio/mp4"],
    ["HEIC", ftyp("heic", "mif1", "heic"), "image/heic"],
    ["HEIF", ftyp("mif1", "mif1"), "image/heif"],
    ["AVIF", ftyp("avif", "avif", "mif1", "miaf"), "image/avif"],
    ["AVIF by compatible brand", ftyp("mif1", "mif1", "avif"), "image/avif"],
    ["3GP", ftyp("3gp4", "isom", "3gp4"), "video/3gpp"],
    [
      "WebM",
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, "webm"]),
      "video/webm",
    ],
    ["Matroska", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, "matroska"]), "video/x-matroska"],
    ["Ogg Vorbis", bytes(["OggS", 0, 2, ...new Array(22).fill(0), 1, 0x1e, 0x01, "vorbis"]), "audio/ogg"],
    ["Ogg Theora", bytes(["OggS", 0, 2, ...new Array(22).fill(0), 1, 0x2a, 0x80, "theora"]), "video/ogg"],
    ["FLAC", bytes(["fLaC", 0, 0, 0, 0x22]), "audio/flac"],
    ["MP3 with ID3", bytes(["ID3", 4, 0, 0]), "audio/mpeg"],
    ["MP3 frame", bytes([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    ["AAC (ADTS)", bytes([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    ["ASF", bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]), "video/x-ms-asf"],
    ["PDF", bytes(["%PDF-1.7"]), "application/pdf"],
    ["ZIP", bytes(["PK", 3, 4]), "application/zip"],
    ["gzip", bytes([0x1f, 0x8b, 8]), "application/gzip"],
    ["BMP", bytes(["BM", 0x36, 0, 0, 0]), "image/bmp"],
    ["TIFF", bytes(["II*", 0]), "image/tiff"],
    ["ELF", bytes([0x7f, "ELF"]), "application/x-elf"],
    ["SVG", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"],
    ["SVG with XML prolog", new TextEncoder().encode('<?xml version="1.0"?>\n<svg>'), "image/svg+xml"],
    ["HTML", new TextEncoder().encode("<!DOCTYPE html><html>"), "text/html"],
    ["JSON", new TextEncoder().encode('{"a": 1}'), "application/json"],
    ["text", new TextEncoder().encode("just some words\n"), "text/plain"],
  ];
  for (const [name, head, type] of cases) {
    test(`${name} -> ${type}`, () => {
      assert.equal(sniffMimeType(head)?.type, type);
      assert.ok(sniffMimeType(head)?.name, "a human name for error messages");
    });
  }

  test("unknown binary content is not guessed", () => {
    assert.equal(sniffMimeType(bytes([0x00, 0x01, 0x02, 0x03, 0xfe, 0xfd])), undefined);
    assert.equal(sniffMimeType(new Uint8Array(0)), undefined);
  });

  test("a header cut short does not throw", () => {
    for (const [, head] of cases) {
      for (let n = 0; n < 12; n++) assert.doesNotThrow(() => sniffMimeType(head.subarray(0, n)));
    }
  });
});

describe("type names", () => {
  test("normaliseMimeType lower-cases, drops parameters and resolves aliases", () => {
    assert.equal(normaliseMimeType("Image/JPG"), "image/jpeg");
    assert.equal(normaliseMimeType("audio/ogg; codecs=opus"), "audio/ogg");
    assert.equal(normaliseMimeType("image/x-png"), "image/png");
  });

  test("sameKind: same type, alias or same container", () => {
    assert.ok(sameKind("image/jpg", "image/jpeg"));
    assert.ok(sameKind("audio/webm", "video/webm"));
    assert.ok(sameKind("audio/mp4", "video/mp4"));
    assert.ok(!sameKind("image/png", "image/jpeg"));
    assert.ok(!sameKind("video/mp4", "video/webm"));
  });

  test("acceptedSibling maps a container type to one Mastodon takes", () => {
    assert.equal(acceptedSibling("video/3gpp"), "audio/3gpp");
    assert.equal(acceptedSibling("image/jpeg"), "image/jpeg");
    assert.equal(acceptedSibling("application/pdf"), undefined);
  });

  test("extensions both ways", () => {
    assert.equal(typeFromFileName("/tmp/Photo.JPG"), "image/jpeg");
    assert.equal(typeFromFileName("C:\\clips\\a.webm"), "video/webm");
    assert.equal(typeFromFileName("noextension"), undefined);
    assert.equal(typeFromFileName(".hidden"), undefined);
    assert.equal(extensionFor("image/jpeg"), "jpg");
    assert.equal(extensionFor("video/quicktime"), "mov");
    assert.equal(extensionFor("image/webp"), "webp");
    assert.equal(extensionFor("application/x-something-odd"), "somethingodd");
  });

  test("every type Mastodon takes has a sensible extension", () => {
    for (const type of MASTODON_MEDIA_TYPES) assert.match(extensionFor(type), /^[a-z0-9]{2,4}$/, type);
  });
});
