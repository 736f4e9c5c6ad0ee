// Reading attribute values from a dicom-parser DataSet: absent or empty values come back undefined,
// required ones throw a VolumeReadError naming the attribute by keyword and tag.
import type { DataSet } from 'dicom-parser';
import { VolumeReadError } from '../types/volume-read-error.ts';

/** "(0028,0010)" from "x00280010". */
export function tagLabel(dicomParserTag: string): string {
  return `(${dicomParserTag.slice(1, 5).toUpperCase()},${dicomParserTag.slice(5, 9).toUpperCase()})`;
}

function present(dataSet: DataSet, tag: string): boolean {
  const element = dataSet.elements[tag];
  return element !== undefined && element.length > 0;
}

/** A string value, trimmed; undefined when absent or blank. Multiple values are joined with '\'. */
export function textValue(dataSet: DataSet, tag: string): string | undefined {
  if (!present(dataSet, tag)) return undefined;
  const count = dataSet.numStringValues(tag) ?? 1;
  const values: string[] = [];
  for (let index = 0; index < count; index++) {
    const value = dataSet.string(tag, index);
    if (value !== undefined && value.trim() !== '') values.push(value.trim());
  }
  return values.length > 0 ? values.join('\\') : undefined;
}

/** The numbers of a DS or IS value (backslash-separated decimal strings); undefined when absent. */
export function decimalValues(dataSet: DataSet, tag: string): number[] | undefined {
  if (!present(dataSet, tag)) return undefined;
  const count = dataSet.numStringValues(tag) ?? 0;
  const values: number[] = [];
  for (let index = 0; index < count; index++) {
    const value = dataSet.floatString(tag, index);
    if (value === undefined || !Number.isFinite(value)) return undefined;
    values.push(value);
  }
  return values.length > 0 ? values : undefined;
}

/** The first number of a DS or IS value. */
export function decimalValue(dataSet: DataSet, tag: string): number | undefined {
  return decimalValues(dataSet, tag)?.[0];
}

/** A US (unsigned short) value; undefined when absent. */
export function ushortValue(dataSet: DataSet, tag: string): number | undefined {
  const element = dataSet.elements[tag];
  if (element === undefined || element.length < 2) return undefined;
  return dataSet.uint16(tag);
}

/** A DS value of exactly `count` numbers, or a VolumeReadError naming what is missing or wrong. */
export function requireDecimals(
  dataSet: DataSet | undefined,
  tag: string,
  keyword: string,
  count: number,
  file: string,
): number[] {
  const values = dataSet === undefined ? undefined : decimalValues(dataSet, tag);
  if (values === undefined) throw new VolumeReadError(file, `missing ${keyword} ${tagLabel(tag)}`);
  if (values.length !== count) {
    throw new VolumeReadError(
      file,
      `${keyword} ${tagLabel(tag)} has ${values.length} values, expected ${count}: ${values.join('\\')}`,
    );
  }
  return values;
}

/** A US value, or a VolumeReadError naming the missing attribute. */
export function requireUshort(dataSet: DataSet, tag: string, keyword: string, file: string): number {
  const value = ushortValue(dataSet, tag);
  if (value === undefined) throw new VolumeReadError(file, `missing ${keyword} ${tagLabel(tag)}`);
  return value;
}

/** The dataset of item `index` of a sequence, when the sequence and item exist. */
export function sequenceItem(dataSet: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return dataSet?.elements[tag]?.items?.[index]?.dataSet;
}
