/**
 * Request bodies. The server reads one only once the route is known and the caller may call it, so a
 * request answered 404, 401 or 429 holds no memory for its body. A body is capped by its route
 * (uploads are large, everything else small), and the bodies held at once share one budget, so that
 * many connections together cannot exhaust memory either.
 */
import type { IncomingMessage } from "node:http";
import { ApiError } from "./reply.js";

export interface HeldBody {
  readonly data: Buffer;
  /** Gives the body's bytes back to the budget; call once the request is answered. */
  release(): void;
}

export class BodyBudget {
  private held = 0;

  constructor(private readonly total: number) {}

  /**
   * Reads the body, at most `limit` bytes: 413 beyond, and Mastodon's 503 when the budget cannot hold
   * it. A declared length is held before any byte is read, so that bodies still arriving cannot
   * together overdraw the budget; a chunked body is held as it arrives.
   */
  async read(req: IncomingMessage, limit: number): Promise<HeldBody> {
    const declared = Number(req.headers["content-length"]);
    const known = Number.isFinite(declared);
    if (known && declared > limit) throw tooLarge();
    let mine = 0;
    const hold = (bytes: number) => {
      if (this.held + bytes > this.total) throw busy();
      this.held += bytes;
      mine += bytes;
    };
    try {
      if (known) hold(declared);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > limit) throw tooLarge();
        if (!known) hold((chunk as Buffer).length);
        chunks.push(chunk as Buffer);
      }
      return {
        data: Buffer.concat(chunks),
        release: () => {
          this.held -= mine;
          mine = 0;
        },
      };
    } catch (error) {
      this.held -= mine;
      throw error;
    }
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, { error: "Request entity too large" });
}

function busy(): ApiError {
  return new ApiError(503, {
    error: "There was a temporary problem serving your request, please try again",
  });
}
