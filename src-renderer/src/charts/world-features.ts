import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

import { toNumericCode } from './country-codes';

/** A country outline from world-atlas 1:110m, keyed by its zero-padded ISO numeric code. */
export interface CountryFeature extends Feature<Geometry, { name: string }> {
  /** Zero-padded ISO 3166-1 numeric code; undefined for areas without one (Kosovo, N. Cyprus, Somaliland). */
  numeric: string | undefined;
}

let features: readonly CountryFeature[] | undefined;

/** The 177 country outlines, converted from TopoJSON once. */
export function worldFeatures(): readonly CountryFeature[] {
  if (features !== undefined) return features;
  // The JSON module is typed structurally by TypeScript; topojson-client needs the Topology shape it declares.
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  features = collection.features.map((f) => ({
    ...f,
    numeric: f.id === undefined ? undefined : toNumericCode(String(f.id)),
  }));
  return features;
}
