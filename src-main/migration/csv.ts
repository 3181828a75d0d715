import { formatCsvField } from '../common/csv.ts';
import { displayDateOrText } from '../common/dates.ts';
import { findDistrict } from '../office/districts.ts';
import { stateName } from '../common/states.ts';
import type { Destination } from './status.ts';
import type { MigrationList } from './types.ts';

/** A destination on one line, as a block officer writes it: place, block, district, state. */
export function destinationLine(destination: Destination | null, language: 'mr' | 'en'): string {
  if (!destination) return '';
  const district = destination.districtLgd !== null ? findDistrict(destination.districtLgd)?.name[language] : null;
  const state = destination.state ? stateName(destination.state)[language] : null;
  return [destination.place, destination.block, district, state].filter(Boolean).join(', ');
}

const COLUMNS = [
  'Head (Marathi) / कुटुंबप्रमुख',
  'Head (English)',
  'Village / गाव',
  'Home AWC / अंगणवाडी',
  'Status / स्थिती',
  'Planned departure / नियोजित निघणे',
  'Departed on / निघाले',
  'Arrived on / पोहोचले',
  'Returned on / परतले',
  'Expected return / अपेक्षित परत',
  'Days away / बाहेर दिवस',
  'Destination / ठिकाण',
  'Destination AWC / ठिकाणची अंगणवाडी',
  'Employer / मुकादम',
  'Travelling / सोबत',
  'Staying home / घरी',
  'MTS IDs',
  'Flags / तपासणी',
];

/** A list as CSV (UTF-8 with BOM for Excel on Windows), formula-safe through common/csv.ts. */
export function migrationListCsv(list: MigrationList): string {
  const lines = [COLUMNS.map(formatCsvField).join(',')];
  for (const row of list.households) {
    lines.push(
      [
        row.headNameMr,
        row.headNameEn,
        row.village,
        row.homeAwcCode,
        row.status,
        displayDateOrText(row.departureDate),
        displayDateOrText(row.departedOn),
        displayDateOrText(row.arrivedOn),
        displayDateOrText(row.returnedOn),
        displayDateOrText(row.expectedReturn),
        row.daysAway,
        destinationLine(row.destination, 'en'),
        row.destinationAwcCode,
        row.employer,
        row.travelling,
        row.stayingHome,
        row.mtsIds.join(' '),
        row.flags,
      ]
        .map(formatCsvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
