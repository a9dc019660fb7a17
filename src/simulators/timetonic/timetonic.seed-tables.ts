/**
 * The seeded smart tables: a fleet (vehicles and their maintenance log, linked by vehicle) in
 * `demo:fleet-ops` and an inventory (suppliers and items, linked by supplier) in
 * `demo:inventory`, with a default and a filtered view each, and comments on a few cells.
 */
import type { TimetonicWireField, TimetonicWireFilter, TimetonicWireView } from '../../vendors/timetonic/timetonic.wire';
import type { Prng } from '../prng';
import { TIMETONIC_BASE_EPOCH, type TimetonicSimState, type TimetonicSimTable, type TimetonicSimValue } from './timetonic.store';

/** Seeded table ids, for tests and the docs. */
export const TIMETONIC_TABLES = Object.freeze({ vehicles: 7403, maintenance: 7404, suppliers: 8912, items: 8913 });

const MODELS = ['Transit', 'Sprinter', 'Master', 'Ducato', 'Crafter'];
const WORK = ['oil change', 'brake pads', 'tyre rotation', 'inspection', 'battery', 'windscreen'];
const COUNTRIES = ['FR', 'DE', 'IT', 'ES', 'NL'];
const PLACES = ['A1', 'A2', 'B1', 'B2', 'C1'];

export function seedTables(state: TimetonicSimState, random: Prng): void {
  const vehicles = table(7403, 'demo', 'fleet-ops', 'Vehicles', 'vehicles', [
    field(65201, 'Plate', 'text', 'plate'),
    field(65202, 'Model', 'text', 'model'),
    field(65203, 'Mileage', 'number', 'mileage'),
    field(65204, 'In service', 'checkbox', 'in_service'),
  ]);
  const maintenance = table(7404, 'demo', 'fleet-ops', 'Maintenance log', 'maintenance', [
    field(65211, 'Date', 'date', 'date'),
    field(65212, 'Vehicle', 'link', 'vehicle', 7403),
    field(65213, 'Work', 'text', 'work'),
    field(65214, 'Cost', 'number', 'cost'),
    field(65215, 'Done', 'checkbox', 'done'),
  ]);
  maintenance.views.push(view(11731, 'Open work', { id: 20730, field_id: 65215, filter_type: 'checkbox', json: { predicate: 'is', operand: false } }));
  const suppliers = table(8912, 'demo', 'inventory', 'Suppliers', 'suppliers', [field(80501, 'Name', 'text', 'name'), field(80502, 'Country', 'text', 'country')]);
  const items = table(8913, 'demo', 'inventory', 'Items', 'items', [
    field(80511, 'SKU', 'text', 'sku'),
    field(80512, 'Name', 'text', 'name'),
    field(80513, 'Quantity', 'number', 'quantity'),
    field(80514, 'Supplier', 'link', 'supplier', 8912),
    field(80515, 'Location', 'text', 'location'),
  ]);
  items.views.push(view(11741, 'Low stock', { id: 20740, field_id: 80513, filter_type: 'number', json: { predicate: 'lt', operand: 10 } }));
  state.tables.push(vehicles, maintenance, suppliers, items);

  const vehicleIds = rows(state, vehicles, 30, (i) => [`AB-${100 + i}-CD`, random.pick(MODELS), random.int(5_000, 240_000), random.next() < 0.85]);
  rows(state, maintenance, 120, (i) => [
    new Date((TIMETONIC_BASE_EPOCH + i * 86_400) * 1000).toISOString().slice(0, 10),
    [random.pick(vehicleIds)],
    random.pick(WORK),
    random.int(40, 1_200),
    random.next() < 0.7,
  ]);
  const supplierIds = rows(state, suppliers, 10, (i) => [`Supplier ${i + 1}`, random.pick(COUNTRIES)]);
  rows(state, items, 80, (i) => [`SKU-${1000 + i}`, `Part ${i + 1}`, random.int(0, 200), [random.pick(supplierIds)], random.pick(PLACES)]);

  const workField = 65213;
  for (const rowId of [...maintenance.rows.keys()].slice(0, 5)) {
    state.comments.set(`${rowId}:${workField}`, [
      { id: state.nextSmid + 1000 + rowId, m: 'Parts ordered', mid: 0, action: [], uc: 'mechanic', c: TIMETONIC_BASE_EPOCH + 3_600, s: state.sstamp },
      { id: state.nextSmid + 2000 + rowId, m: 'Done, invoice attached', mid: 0, action: [], uc: 'demo', c: TIMETONIC_BASE_EPOCH + 7_200, s: state.sstamp },
    ]);
  }
}

// Private:

function table(id: number, b_o: string, b_c: string, name: string, syncCode: string, fields: TimetonicWireField[]): TimetonicSimTable {
  return {
    id,
    b_o,
    b_c,
    name,
    syncCode,
    description: null,
    fields,
    views: [view(id + 4_000, 'Default view')],
    rows: new Map(),
    usedTmpIds: new Map(),
    lastModified: TIMETONIC_BASE_EPOCH,
  };
}

function field(id: number, name: string, type: string, syncCode: string, linkedCatId: number | null = null): TimetonicWireField {
  return { id, name, type, syncCode, linkedCatId };
}

function view(id: number, name: string, filter?: TimetonicWireFilter): TimetonicWireView {
  return {
    id,
    name,
    description: null,
    presentation: 1,
    locked: false,
    filterGroup: filter ? { id: id + 7_000, operator: 'and', filters: [filter] } : null,
  };
}

function rows(state: TimetonicSimState, target: TimetonicSimTable, count: number, values: (i: number) => TimetonicSimValue[]): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    state.nextRowId += 1;
    const row = values(i);
    target.rows.set(state.nextRowId, new Map(target.fields.map((f, j) => [f.id, row[j]])));
    ids.push(state.nextRowId);
  }
  return ids;
}
