import { MASTODON_MEDIA_TYPES } from "./constants.js";
/**
 * What kind of file an upload is, judged from its first bytes (the "magic numbers" every format
 * starts with) rather than from its name, which may be missing or wrong. The file extension is only
 * a fallback for formats without a reliable signature.
 */

/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 64;

/** Other names for the same thing, mapped to the name the server knows best. */
const ALIASES: Readonly<Record<string, string>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/x-png": "image/png",
};

/**
 * Types that share a container format: the bytes cannot tell an audio-only WebM from a video, so a
 * declared type from the same family is trusted.
 */
const FAMILIES: ReadonlyArray<readonly string[]> = [
  ["video/webm", "audio/webm"],
  ["video/ogg", "audio/ogg", "audio/vorbis", "audio/opus", "application/ogg"],
  ["video/mp4", "audio/mp4", "audio/m4a", "audio/x-m4a", "video/x-m4v", "audio/aac"],
  ["audio/wave", "audio/wav", "audio/x-wav", "audio/x-pn-wave", "audio/vnd.wave"],
  ["audio/mpeg", "audio/mp3"],
  ["image/heic", "image/heif"],
  ["video/3gpp", "audio/3gpp"],
];

/** Lower-cases a declared type, drops parameters (`; charset=...`) and resolves aliases. */
export function normaliseMimeType(type: string): string {
  const bare = type.split(";", 1)[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/** Whether two types name the same kind of file (equal, aliases, or the same container). */
export function sameKind(a: string, b: string): boolean {
  const x = normaliseMimeType(a);
  const y = normaliseMimeType(b);
  return x === y || FAMILIES.some((family) => family.includes(x) && family.includes(y));
}

/**
 * A type Mastodon accepts for the same kind of file, when the detected one is not on its list
 * (a 3GPP file is detected as video/3gpp; Mastodon takes it as audio/3gpp).
 */
export function acceptedSibling(type: string): string | undefined {
  const t = normaliseMimeType(type);
  if (MASTODON_MEDIA_TYPES.has(t)) return t;
  return FAMILIES.find((family) => family.includes(t))?.find((member) => MASTODON_MEDIA_TYPES.has(member));
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jpe: "image/jpeg",
  jfif: "image/jpeg",
  png: "image/png",
  apng: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
  heif: "image/heif",
  mp4: "video/mp4",
  m4v: "video/mp4",
  mov: "video/quicktime",
  qt: "video/quicktime",
  webm: "video/webm",
  ogv: "video/ogg",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  mp3: "audio/mpeg",
  wav: "audio/wave",
  flac: "audio/flac",
  aac: "audio/aac",
  m4a: "audio/mp4",
  "3gp": "audio/3gpp",
  asf: "video/x-ms-asf",
  wmv: "video/x-ms-asf",
};

/** The usual file extension of a type (for upload file names); "bin" when unknown. */
export function extensionFor(type: string): string {
  const t = normaliseMimeType(type);
  const preferred: Record<string, string> = {
    "image/jpeg": "jpg",
    "video/mp4": "mp4",
    "audio/mp4": "m4a",
    "audio/ogg": "ogg",
    "audio/wave": "wav",
    "audio/mpeg": "mp3",
    "video/quicktime": "mov",
    "video/x-ms-asf": "asf",
  };
  if (preferred[t]) return preferred[t];
  const found = Object.entries(EXTENSIONS).find(([, value]) => value === t);
  if (found) return found[0];
  // Another name for a kind of file that has one (audio/x-wav -> wav).
  const family = FAMILIES.find((members) => members.includes(t)) ?? [];
  for (const member of family) {
    const sibling =
      preferred[member] ?? Object.entries(EXTENSIONS).find(([, value]) => value === member)?.[0];
    if (sibling) return sibling;
  }
  return (
    t
      .split("/")[1]
      ?.replace(/^x-/, "")
      .replace(/[^a-z0-9]/g, "") || "bin"
  );
}

/** The type a file name's extension suggests, if any. */
export function typeFromFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  return EXTENSIONS[base.slice(dot + 1).toLowerCase()];
}

/** A recognised format: its MIME type and a short human name for error messages. */
export interface Sniffed {
  type: string;
  name: string;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let out = "";
  for (let i = start; i < start + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** ISO base media files (MP4, QuickTime, HEIF, AVIF, 3GP) are told apart by their brands. */
function sniffFtyp(bytes: Uint8Array): Sniffed | undefined {
  if (ascii(bytes, 4, 4) !== "ftyp") return undefined;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(bytes.length, size >= 16 ? size : bytes.length);
  const major = ascii(bytes, 8, 4);
  const brands = [major];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  const has = (...names: string[]) => brands.some((b) => names.includes(b));
  if (has("avif", "avis")) return { type: "image/avif", name: "an AVIF image" };
  if (has("heic", "heix", "heim", "heis", "hevc", "hevx"))
    return { type: "image/heic", name: "a HEIC image" };
  if (has("mif1", "msf1", "heif")) return { type: "image/heif", name: "a HEIF image" };
  if (major === "qt  ") return { type: "video/quicktime", name: "a QuickTime video" };
  if (major === "M4A " || major === "M4B ") return { type: "audio/mp4", name: "an MPEG-4 audio file" };
  if (major.startsWith("3g")) return { type: "video/3gpp", name: "a 3GPP file" };
  return { type: "video/mp4", name: "an MPEG-4 video" };
}

/** EBML files: WebM when the doc type says so, else Matroska. */
function sniffEbml(bytes: Uint8Array): Sniffed | undefined {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return undefined;
  const head = ascii(bytes, 4, bytes.length - 4);
  if (head.includes("webm")) return { type: "video/webm", name: "a WebM video" };
  return { type: "video/x-matroska", name: "a Matroska (MKV) video" };
}

function sniffOgg(bytes: Uint8Array): Sniffed | undefined {
  if (ascii(bytes, 0, 4) !== "OggS") return undefined;
  const head = ascii(bytes, 28, bytes.length - 28);
  if (head.includes("theora")) return { type: "video/ogg", name: "an Ogg video" };
  return { type: "audio/ogg", name: "an Ogg audio file" };
}

/** MPEG audio frames (MP3) and AAC ADTS frames both start with 11 or 12 set bits. */
function sniffFrames(bytes: Uint8Array): Sniffed | undefined {
  if (ascii(bytes, 0, 3) === "ID3") return { type: "audio/mpeg", name: "an MP3 file" };
  if (bytes.length < 2 || bytes[0] !== 0xff) return undefined;
  const b = bytes[1]!;
  if ((b & 0xf6) === 0xf0) return { type: "audio/aac", name: "an AAC audio file" };
  const layer = (b >> 1) & 0b11;
  if ((b & 0xe0) === 0xe0 && layer !== 0 && ((b >> 3) & 0b11) !== 0b01)
    return { type: "audio/mpeg", name: "an MP3 file" };
  return undefined;
}

const SIMPLE: ReadonlyArray<{ signature: readonly number[]; offset?: number } & Sniffed> = [
  { signature: [0xff, 0xd8, 0xff], type: "image/jpeg", name: "a JPEG image" },
  { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: "image/png", name: "a PNG image" },
  { signature: [0x66, 0x4c, 0x61, 0x43], type: "audio/flac", name: "a FLAC audio file" },
  {
    signature: [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11],
    type: "video/x-ms-asf",
    name: "an ASF/WMV video",
  },
  // Recognised only to refuse them with a clear message.
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], type: "application/pdf", name: "a PDF document" },
  { signature: [0x50, 0x4b, 0x03, 0x04], type: "application/zip", name: "a ZIP archive" },
  { signature: [0x1f, 0x8b], type: "application/gzip", name: "a gzip archive" },
  { signature: [0x42, 0x4d], type: "image/bmp", name: "a BMP image" },
  { signature: [0x49, 0x49, 0x2a, 0x00], type: "image/tiff", name: "a TIFF image" },
  { signature: [0x4d, 0x4d, 0x00, 0x2a], type: "image/tiff", name: "a TIFF image" },
  { signature: [0x00, 0x00, 0x01, 0x00], type: "image/x-icon", name: "an icon file" },
  { signature: [0x7f, 0x45, 0x4c, 0x46], type: "application/x-elf", name: "a program (ELF)" },
  { signature: [0x4d, 0x5a], type: "application/x-msdownload", name: "a program (EXE)" },
];

/** Text that is probably not meant as media (SVG, HTML, JSON, plain text). */
function sniffText(bytes: Uint8Array): Sniffed | undefined {
  const head = ascii(bytes, 0, bytes.length)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")))
    return { type: "image/svg+xml", name: "an SVG image" };
  if (head.startsWith("<!doctype html") || head.startsWith("<html"))
    return { type: "text/html", name: "an HTML page" };
  if (head.startsWith("<?xml")) return { type: "application/xml", name: "an XML document" };
  const printable = bytes.length > 0 && bytes.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
  if (printable && (head.startsWith("{") || head.startsWith("[")))
    return { type: "application/json", name: "a JSON document" };
  if (printable) return { type: "text/plain", name: "a text file" };
  return undefined;
}

/** The format of a file from its first bytes (at least SNIFF_BYTES of them, when the file is that long). */
export function sniffMimeType(head: Uint8Array): Sniffed | undefined {
  // First: an ISO media file's box size could otherwise pass for another format's signature.
  const iso = sniffFtyp(head);
  if (iso) return iso;
  for (const entry of SIMPLE) {
    if (startsWith(head, entry.signature, entry.offset)) return { type: entry.type, name: entry.name };
  }
  const gif = ascii(head, 0, 6);
  if (gif === "GIF87a" || gif === "GIF89a") return { type: "image/gif", name: "a GIF image" };
  if (ascii(head, 0, 4) === "RIFF") {
    const kind = ascii(head, 8, 4);
    if (kind === "WEBP") return { type: "image/webp", name: "a WebP image" };
    if (kind === "WAVE") return { type: "audio/wave", name: "a WAV audio file" };
    if (kind === "AVI ") return { type: "video/x-msvideo", name: "an AVI video" };
  }
  return sniffEbml(head) ?? sniffOgg(head) ?? sniffFrames(head) ?? sniffText(head);
}
