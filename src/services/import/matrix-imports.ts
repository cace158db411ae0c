/**
 * Travel-time matrices into the database: an imported one (neuvo's CSV layout, or the Helsinki
 * Region Travel Time Matrix files with the grid that places their cells) and one computed here
 * (from a GTFS feed). Either replaces the matrix of the same id, in one transaction.
 */
import type { TravelTimeMatrix } from '../../core/access/engine.ts';
import type { TravelTimeRow } from '../../db/repositories/access-repository.ts';
import type { ReadRepositories, Repositories } from '../../db/repositories.ts';
import { placeOfArea, placeOfSite } from '../access-service.ts';
import type { ImportCounts, ImportOutcome } from './dataset-writer.ts';
import { parseGrid, parseNeuvoMatrix, parseTtmMatrix, type TtmPeriod } from './matrix-import.ts';
import type { SourceFile } from './text.ts';

type Write = (file: string, work: (tx: Repositories) => Promise<ImportCounts>) => Promise<ImportOutcome>;

export function createMatrixImports(repos: ReadRepositories, write: Write) {
  return {
    /**
     * A travel-time matrix: neuvo's CSV layout, or Helsinki Region Travel Time Matrix files
     * with the grid that maps their cells to areas and sites. Replaces a matrix of the same id.
     */
    async importMatrix(
      files: readonly SourceFile[],
      options: { id?: string; grid?: SourceFile; period?: TtmPeriod; description?: string } = {},
    ): Promise<ImportOutcome> {
      const first = files[0];
      if (!first) return { ok: false, issues: [{ file: '(none)', message: 'no matrix file given' }] };
      const id = options.id ?? 'imported';
      const head = new TextDecoder().decode(first.bytes.slice(0, 4096));
      const isTtm = /(^|[;,])from_id([;,]|$)/m.test(head.split(/\r?\n/)[0] ?? '');
      const areas = await repos.areas.list({ withGeometry: false });
      const sites = await repos.sites.list();
      let parsed: ReturnType<typeof parseNeuvoMatrix>;
      if (isTtm) {
        if (!options.grid) {
          return {
            ok: false,
            issues: [
              {
                file: first.name,
                message: 'a Travel Time Matrix file needs the grid that places its cells: pass --grid',
              },
            ],
          };
        }
        const grid = parseGrid(options.grid);
        if (!grid.ok) return grid;
        const byId = new Map(areas.map((a) => [a.id as string, a]));
        const demand = areas.filter((a) => a.kind !== 'district');
        parsed = parseTtmMatrix(
          files,
          grid.cells,
          demand.map((a) => placeOfArea(a, byId)),
          sites.map(placeOfSite),
          options.period ?? 'midday',
        );
      } else {
        if (files.length > 1)
          return {
            ok: false,
            issues: [{ file: files[1]?.name ?? '', message: 'neuvo matrices come in one file' }],
          };
        parsed = parseNeuvoMatrix(first, new Set(areas.map((a) => a.id)), new Set(sites.map((s) => s.id)));
      }
      if (!parsed.ok) return parsed;
      const { matrix } = parsed;
      return write(first.name, async (tx) => {
        await tx.access.replaceMatrix(
          {
            id,
            description: options.description ?? files.map((f) => f.name).join(', '),
            source: matrix.source,
            approximate: false,
            modes: matrix.modes,
          },
          matrix.rows,
        );
        return { travelTimes: matrix.rows.length };
      });
    },

    /** Stores a computed matrix (e.g. from GTFS) under an id, replacing one with the same id. */
    async storeMatrix(
      id: string,
      source: string,
      matrices: readonly TravelTimeMatrix[],
    ): Promise<ImportOutcome> {
      const rows: TravelTimeRow[] = [];
      for (const m of matrices) {
        for (const [i, o] of m.originIds.entries()) {
          for (const [j, d] of m.destinationIds.entries()) {
            const v = m.minutes[i * m.destinationIds.length + j] ?? Number.NaN;
            rows.push({ mode: m.mode, originId: o, destinationId: d, minutes: Number.isNaN(v) ? null : v });
          }
        }
      }
      return write(source, async (tx) => {
        await tx.access.replaceMatrix(
          {
            id,
            description: source,
            source,
            approximate: matrices.some((m) => m.approximate),
            modes: matrices.map((m) => m.mode),
          },
          rows,
        );
        return { travelTimes: rows.length };
      });
    },
  };
}
