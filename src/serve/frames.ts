// What `impacted serve` sends back for a request, as frames: a type byte, a 4-byte length, then that many bytes. The
// server says it has the request at once (`accepted`: a stopped or suspended server does not, and its client runs the
// command itself); the client prints stderr frames as they come and stdout once the exit frame says the run ended.

export const frameTypes = { stdout: 1, stderr: 2, exit: 3, accepted: 4 } as const;
export type FrameType = (typeof frameTypes)[keyof typeof frameTypes];

export function frame(type: FrameType, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.allocUnsafe(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

export function exitFrame(code: number): Buffer {
  const body = Buffer.allocUnsafe(4);
  body.writeInt32BE(code, 0);
  return frame(frameTypes.exit, body);
}

/**
 * A reader of a byte stream that calls `onFrame` for each whole frame, however the stream cuts them. Chunks are joined
 * once per frame, when it is whole: a 12 MB stdout arrives in hundreds of chunks.
 */
export function frameReader(onFrame: (type: number, payload: Buffer) => void): (chunk: Buffer) => void {
  let chunks: Buffer[] = [];
  let total = 0;
  return (chunk) => {
    chunks.push(chunk);
    total += chunk.length;
    while (total >= 5) {
      if (chunks[0]!.length < 5) chunks = [Buffer.concat(chunks, total)];
      const length = chunks[0]!.readUInt32BE(1);
      if (total < 5 + length) return;
      const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      onFrame(joined.readUInt8(0), joined.subarray(5, 5 + length));
      const rest = joined.subarray(5 + length);
      chunks = rest.length > 0 ? [rest] : [];
      total = rest.length;
    }
  };
}
