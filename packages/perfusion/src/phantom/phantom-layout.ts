import type { Triple } from '@quantrad/imaging';
import { digitalPhantomDesign } from './phantom-design.ts';

// Where everything sits in one slice of the phantom (x fastest, y rows), the same in every slice:
//   air border | skull ring | CSF-like margin | 7 × 7 tiles (rows: delay, columns: CBF and MTT)
//   CSF-like gap | arterial square, CSF-like gap, venous square | CSF-like margin | skull ring | air border
// One slice per CBV level. Sizes in voxels from data/digital-phantom.json (layout).

/** The material of a voxel of the phantom, before any enhancement. */
export type PhantomMaterial = 'air' | 'skull' | 'csf' | 'tissue' | 'artery' | 'vein';

/** A voxel-aligned rectangle in a slice: x in [x0, x0 + width), y in [y0, y0 + height). */
export interface SliceRect {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
}

/** The phantom's grid and where its tiles and vessels are. */
export interface PhantomLayout {
  readonly dims: Triple;
  readonly spacingMm: Triple;
  /** Tile (row, column) of every slice, row-major: rows × columns rectangles. */
  readonly tileRects: readonly SliceRect[];
  readonly rows: number;
  readonly columns: number;
  readonly arterialRect: SliceRect;
  readonly venousRect: SliceRect;
  /** The material of each in-slice voxel x + nx·y. */
  readonly materialOf: (x: number, y: number) => PhantomMaterial;
}

function inside(rect: SliceRect, x: number, y: number): boolean {
  return x >= rect.x0 && x < rect.x0 + rect.width && y >= rect.y0 && y < rect.y0 + rect.height;
}

/** The layout for tiles of `tileSizeVoxels` and the design's numbers of rows, columns and slices. */
export function phantomLayout(tileSizeVoxels: number): PhantomLayout {
  const { layout, tiles } = digitalPhantomDesign;
  const rows = tiles.delaySByRow.length;
  const columns = tiles.cbfOverCbvPerMinByColumn.length;
  const slices = tiles.cbvMl100gBySlice.length;
  const outside = layout.airVoxels + layout.skullVoxels;
  const inner0 = outside + layout.csfMarginVoxels;
  const vesselWidth = layout.arterialSideVoxels + layout.csfMarginVoxels + layout.venousSideVoxels;
  const innerWidth = Math.max(columns * tileSizeVoxels, vesselWidth);
  const vesselY0 = inner0 + rows * tileSizeVoxels + layout.csfMarginVoxels;
  const vesselHeight = Math.max(layout.arterialSideVoxels, layout.venousSideVoxels);
  const nx = inner0 + innerWidth + layout.csfMarginVoxels + outside;
  const ny = vesselY0 + vesselHeight + layout.csfMarginVoxels + outside;

  const tileRects: SliceRect[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      tileRects.push({
        x0: inner0 + column * tileSizeVoxels,
        y0: inner0 + row * tileSizeVoxels,
        width: tileSizeVoxels,
        height: tileSizeVoxels,
      });
    }
  }
  const arterialRect: SliceRect = {
    x0: inner0,
    y0: vesselY0,
    width: layout.arterialSideVoxels,
    height: layout.arterialSideVoxels,
  };
  const venousRect: SliceRect = {
    x0: inner0 + layout.arterialSideVoxels + layout.csfMarginVoxels,
    y0: vesselY0,
    width: layout.venousSideVoxels,
    height: layout.venousSideVoxels,
  };
  const tileBlock: SliceRect = {
    x0: inner0,
    y0: inner0,
    width: columns * tileSizeVoxels,
    height: rows * tileSizeVoxels,
  };

  const materialOf = (x: number, y: number): PhantomMaterial => {
    const fromEdge = Math.min(x, y, nx - 1 - x, ny - 1 - y);
    if (fromEdge < layout.airVoxels) return 'air';
    if (fromEdge < outside) return 'skull';
    if (inside(tileBlock, x, y)) return 'tissue';
    if (inside(arterialRect, x, y)) return 'artery';
    if (inside(venousRect, x, y)) return 'vein';
    return 'csf';
  };

  return {
    dims: [nx, ny, slices],
    spacingMm: layout.spacingMm,
    tileRects,
    rows,
    columns,
    arterialRect,
    venousRect,
    materialOf,
  };
}
