import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportFiles } from '../application/pseudonymised-export-jobs';

/** Export files in a folder of this process under the system's temporary folder, streamed in and out. */
export class TempExportFiles implements ExportFiles {
  private folder: string | null = null;

  async write(id: string, pieces: AsyncIterable<string>): Promise<number> {
    // Made at once (not awaited), so two first jobs side by side share one folder.
    this.folder ??= mkdtempSync(path.join(tmpdir(), 'stapsteen-kpi-exports-'));
    const out = createWriteStream(this.pathOf(id));
    await pipeline(Readable.from(pieces), out);
    return out.bytesWritten;
  }

  read(id: string): Readable {
    return createReadStream(this.pathOf(id));
  }

  async remove(id: string): Promise<void> {
    if (this.folder) await rm(this.pathOf(id), { force: true });
  }

  /** Ids are the service's own UUIDs; anything else never reaches the file system. */
  private pathOf(id: string): string {
    if (!this.folder || !/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`No export file ${id}`);
    return path.join(this.folder, `${id}.csv`);
  }
}
