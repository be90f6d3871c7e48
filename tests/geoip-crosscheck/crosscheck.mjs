// Looks up addresses with MaxMind's own reader, as an independent reference for the .NET reader.
// Usage: node crosscheck.mjs <city|country|asn|anonymousIP> <file.mmdb> < addresses.txt
// Prints one JSON object per input line, in input order; {"found":false} when the address is absent.
import { readFileSync } from 'node:fs';
import { Reader } from '@maxmind/geoip2-node';

const [kind, file] = process.argv.slice(2);
if (!['city', 'country', 'asn', 'anonymousIP'].includes(kind) || !file) {
  console.error('usage: node crosscheck.mjs <city|country|asn|anonymousIP> <file.mmdb> < addresses.txt');
  process.exit(2);
}

const reader = Reader.openBuffer(readFileSync(file));
const addresses = readFileSync(0, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);

const lines = addresses.map((address) => {
  let record;
  try {
    record = reader[kind](address);
  } catch (error) {
    // AddressNotFoundError is the reader's way of saying "not in the database".
    if (error.name === 'AddressNotFoundError') {
      return JSON.stringify({ address, found: false });
    }
    throw error;
  }
  if (kind === 'anonymousIP') {
    return JSON.stringify({
      address,
      found: true,
      vpn: record.isAnonymousVpn,
      hostingProvider: record.isHostingProvider,
      torExitNode: record.isTorExitNode,
      publicProxy: record.isPublicProxy,
      residentialProxy: record.isResidentialProxy,
    });
  }
  if (kind === 'asn') {
    return JSON.stringify({
      address,
      found: true,
      asn: record.autonomousSystemNumber ?? null,
      organization: record.autonomousSystemOrganization ?? null,
      prefixLength: record.network ? Number(record.network.split('/')[1]) : null,
    });
  }
  return JSON.stringify({
    address,
    found: true,
    countryCode: record.country?.isoCode ?? null,
    countryName: record.country?.names?.en ?? null,
    city: record.city?.names?.en ?? null,
    latitude: record.location?.latitude ?? null,
    longitude: record.location?.longitude ?? null,
    accuracyRadius: record.location?.accuracyRadius ?? null,
    prefixLength: record.traits?.network ? Number(record.traits.network.split('/')[1]) : null,
  });
});
process.stdout.write(lines.join('\n') + '\n');
