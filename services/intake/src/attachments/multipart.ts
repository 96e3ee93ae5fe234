import busboy from 'busboy';
import type { Request } from 'express';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from './inspect.js';

export interface UploadedFile {
  /** The name the browser sent: shown after {@link safeFileName}, never used as a path. */
  name: string;
  bytes: Buffer;
  /** More than the limit arrived (the rest was not read). */
  truncated: boolean;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: UploadedFile[];
  /** More files than allowed were sent. */
  tooManyFiles: boolean;
}

/**
 * Reads a `multipart/form-data` body: text fields (at most 20, 64 KB each) and files (at most
 * {@link MAX_ATTACHMENTS_PER_MESSAGE}, each read up to one byte past {@link MAX_ATTACHMENT_BYTES}, so
 * that an oversized one is known without holding all of it). Empty file inputs are dropped.
 */
export function readMultipart(req: Request): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { fields: {}, files: [], tooManyFiles: false };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8.
        defParamCharset: 'utf8',
        limits: {
          fields: 20,
          fieldSize: 64 * 1024,
          files: MAX_ATTACHMENTS_PER_MESSAGE,
          fileSize: MAX_ATTACHMENT_BYTES + 1,
        },
      });
    } catch (error) {
      reject(error);
      return;
    }
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      const file: UploadedFile = { name: info.filename ?? '', bytes: Buffer.alloc(0), truncated: false };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        file.truncated = true;
      });
      stream.on('end', () => {
        file.bytes = Buffer.concat(chunks);
        if (file.name !== '' || file.bytes.length > 0) form.files.push(file);
      });
    });
    parser.on('filesLimit', () => {
      form.tooManyFiles = true;
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(form));
    req.pipe(parser);
  });
}
