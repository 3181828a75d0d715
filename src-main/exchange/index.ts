// The block office side of the change exchange (DESIGN §6): export unacknowledged changes to a peer,
// import a peer's bundle in one transaction. The bundle format is src-main/sync/; the merge of received
// changes into the tables is src-main/store/received.ts.
export { addPeer, revokePeerKey, listPeerKeys, trustOf, officeIdentity, heldHighWater, coveredMarks, ownKeyRevocation } from './peers.ts';
export { enrolRequest, type EnrolRequestFile } from './enrolment.ts';
export { listCorrections, decideCorrection } from './corrections.ts';
export type { PeerInput, PeerKey, OfficeIdentity } from './peers.ts';
export { exportChanges, exportFileNames, unacknowledgedChanges, acknowledgedBy } from './export.ts';
export type { ExportOptions, ExportedBundle } from './export.ts';
export { importBundle, gapsOf } from './import.ts';
export type { ImportOptions, ImportResult, Gap } from './import.ts';
export { syncStatus } from './status.ts';
export type { SyncStatus, PeerStatus, BundleRecord } from './status.ts';
export type { ExportSummary, RecordCounts, CorrectionView } from './types.ts';
export { hubAddress, setHubAddress, sendNow, type SendNowResult } from './online.ts';
