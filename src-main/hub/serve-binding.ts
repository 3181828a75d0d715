// Binds `mts-hub serve` to the hub's own import and export. This branch (hub-extras) was written while the
// core hub's openHub / importOfficeBundle / exportForOffice were being built on branch hub-core, so here
// the binding refuses to start. At the merge its body becomes:
//
//   const hub = await openHub(dataDir, env);
//   return {
//     exchange: {
//       importOfficeBundle: (files) => importOfficeBundle(hub, files),
//       exportForOffice: (officeCode) => exportForOffice(hub, officeCode),
//     },
//     schemaVersion: () => hubSchemaVersion(hub.db),
//     close: () => hub.close(),
//   };
import { Problem } from '../common/problem.ts';
import type { HubExchange } from './serve.ts';

export interface OpenedHubExchange {
  readonly exchange: HubExchange;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export async function openHubExchange(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<OpenedHubExchange> {
  void dataDir;
  void env;
  throw new Problem('hub-exchange-unavailable', {
    en: 'This build of mts-hub cannot import bundles yet, so it does not serve them either; nothing was started.',
    mr: 'mts-hub ची ही आवृत्ती अद्याप बंडल आयात करू शकत नाही, म्हणून ती सर्व्ह करत नाही; काहीही सुरू केले नाही.',
  });
}
