// Every way a bundle can be refused, as a typed Problem with a stable code and one sentence in English and
// Marathi. The import step shows the sentence as is; the CLI prints the English one on a single line.
import { Problem } from '../common/problem.ts';

export type BundleErrorCode =
  | 'empty-file'
  | 'not-a-bundle'
  | 'newer-format-version'
  | 'unsupported-format-version'
  | 'truncated'
  | 'trailing-data'
  | 'header-damaged'
  | 'unknown-signer'
  | 'revoked-signer'
  | 'signer-office-mismatch'
  | 'bad-signature'
  | 'payload-hash-mismatch'
  | 'not-addressed-to-us'
  | 'cannot-decrypt'
  | 'payload-too-large'
  | 'payload-damaged'
  | 'bundle-part'
  | 'part-of-another-group'
  | 'part-conflict'
  | 'parts-missing'
  | 'payload-invalid'
  | 'newer-schema'
  | 'unsupported-kind'
  | 'unknown-peer';

/** The region of the file where a truncated bundle ends. */
export type BundlePart = 'magic' | 'format-version' | 'header-length' | 'header' | 'signature' | 'payload';

const PART_NAMES: Record<BundlePart, { en: string; mr: string }> = {
  'magic': { en: 'its opening mark', mr: 'सुरुवातीच्या ओळख-चिन्हात' },
  'format-version': { en: 'its format version', mr: 'स्वरूप आवृत्तीत' },
  'header-length': { en: 'its header length', mr: 'शीर्षभागाच्या लांबीत' },
  'header': { en: 'its header', mr: 'शीर्षभागात' },
  'signature': { en: 'its signature', mr: 'सहीत' },
  'payload': { en: 'its encrypted data', mr: 'कूटबद्ध माहितीत' },
};

export class BundleError extends Problem {
  declare readonly code: BundleErrorCode;
  /** For `truncated`: where the file ends. */
  readonly part: BundlePart | undefined;
  /** For `header-damaged`: the header field at fault (technical, English), when known. */
  readonly detail: string | undefined;

  constructor(code: BundleErrorCode, en: string, mr: string, extra: { part?: BundlePart; detail?: string } = {}) {
    super(code, { en, mr });
    this.name = 'BundleError';
    this.part = extra.part;
    this.detail = extra.detail;
  }
}

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => (bytes / MB).toFixed(1);

/** Constructors for each refusal; messages live here so every caller says the same thing. */
export const refuse = {
  emptyFile: () =>
    new BundleError('empty-file', 'The file is empty; it is not a sync bundle.', 'फाइल रिकामी आहे; ही सिंक बंडल नाही.'),

  notABundle: () =>
    new BundleError(
      'not-a-bundle',
      'This file is not an MTS sync bundle (.mtsb).',
      'ही फाइल MTS सिंक बंडल (.mtsb) नाही.',
    ),

  newerFormat: (version: number) =>
    new BundleError(
      'newer-format-version',
      `This bundle was made by a newer version of MTS Block Office (bundle format ${version}); update the app, then import it again.`,
      `ही बंडल MTS प्रकल्प कार्यालयाच्या नवीन आवृत्तीने (बंडल स्वरूप ${version}) बनवली आहे; ॲप अद्ययावत करा आणि मग पुन्हा आयात करा.`,
    ),

  unsupportedFormat: (version: number) =>
    new BundleError(
      'unsupported-format-version',
      `This bundle has format version ${version}, which no version of MTS Block Office writes; the file is damaged.`,
      `या बंडलची स्वरूप आवृत्ती ${version} आहे, जी MTS प्रकल्प कार्यालयाची कोणतीही आवृत्ती लिहीत नाही; फाइल खराब झाली आहे.`,
    ),

  truncated: (part: BundlePart) =>
    new BundleError(
      'truncated',
      `The bundle file is incomplete: it ends in ${PART_NAMES[part].en}; copy it again from the original.`,
      `बंडल फाइल अपूर्ण आहे: ती ${PART_NAMES[part].mr}च संपते; मूळ फाइलवरून ती पुन्हा कॉपी करा.`,
      { part },
    ),

  trailingData: () =>
    new BundleError(
      'trailing-data',
      'The bundle file has extra bytes after its end; it was changed or joined to another file.',
      'बंडल फाइलच्या शेवटी जादा बाइट्स आहेत; ती बदलली आहे किंवा दुसऱ्या फाइलला जोडली आहे.',
    ),

  headerDamaged: (detail: string) =>
    new BundleError(
      'header-damaged',
      `The bundle header is damaged (${detail}); the file was changed or corrupted after it was made.`,
      `बंडलचा शीर्षभाग खराब झाला आहे (${detail}); फाइल बनवल्यानंतर बदलली किंवा बिघडली आहे.`,
      { detail },
    ),

  unknownSigner: (office: string, keyId: string) =>
    new BundleError(
      'unknown-signer',
      `The bundle is signed by a key this office does not know (office ${office}, key ${keyId}), so it cannot be trusted.`,
      `बंडलवर या कार्यालयाला माहीत नसलेल्या कीची सही आहे (कार्यालय ${office}, की ${keyId}), म्हणून तिच्यावर विश्वास ठेवता येत नाही.`,
    ),

  revokedSigner: (office: string, keyId: string) =>
    new BundleError(
      'revoked-signer',
      `The bundle is signed by a revoked key (office ${office}, key ${keyId}) and is refused.`,
      `बंडलवर रद्द केलेल्या कीची सही आहे (कार्यालय ${office}, की ${keyId}), म्हणून ती नाकारली आहे.`,
    ),

  signerOfficeMismatch: (claimed: string, owner: string) =>
    new BundleError(
      'signer-office-mismatch',
      `The bundle says it comes from office ${claimed} but is signed with the key of office ${owner}, so it is refused.`,
      `बंडल कार्यालय ${claimed} कडून आल्याचे सांगते, पण तिच्यावर कार्यालय ${owner} च्या कीची सही आहे, म्हणून ती नाकारली आहे.`,
    ),

  badSignature: () =>
    new BundleError(
      'bad-signature',
      'The bundle signature does not match its header; the file was tampered with or damaged.',
      'बंडलची सही तिच्या शीर्षभागाशी जुळत नाही; फाइलमध्ये फेरफार झाला आहे किंवा ती खराब झाली आहे.',
    ),

  payloadHashMismatch: () =>
    new BundleError(
      'payload-hash-mismatch',
      'The encrypted data of the bundle does not match the hash in its signed header; the file was tampered with or damaged.',
      'बंडलमधील कूटबद्ध माहिती तिच्या सही केलेल्या शीर्षभागातील हॅशशी जुळत नाही; फाइलमध्ये फेरफार झाला आहे किंवा ती खराब झाली आहे.',
    ),

  notAddressedToUs: (to: string, us: string) =>
    new BundleError(
      'not-addressed-to-us',
      `This bundle is addressed to ${to === 'hub' ? 'the state hub' : `office ${to}`}, not to ${us === 'hub' ? 'the state hub' : `office ${us}`}; it was not imported.`,
      `ही बंडल ${to === 'hub' ? 'राज्य हबसाठी' : `कार्यालय ${to} साठी`} आहे, ${us === 'hub' ? 'राज्य हबसाठी' : `कार्यालय ${us} साठी`} नाही; ती आयात केली नाही.`,
    ),

  cannotDecrypt: () =>
    new BundleError(
      'cannot-decrypt',
      "The bundle cannot be decrypted with this office's key; it was encrypted for someone else or is damaged.",
      'ही बंडल या कार्यालयाच्या कीने उघडता येत नाही; ती दुसऱ्या कोणासाठी कूटबद्ध केली आहे किंवा खराब झाली आहे.',
    ),

  payloadTooLarge: (declared: number, limit: number) =>
    new BundleError(
      'payload-too-large',
      `The bundle would unpack to ${megabytes(declared)} MB, above this office's limit of ${megabytes(limit)} MB, so it is refused.`,
      `ही बंडल उघडल्यावर ${megabytes(declared)} MB होईल, जे या कार्यालयाच्या ${megabytes(limit)} MB मर्यादेपेक्षा जास्त आहे, म्हणून ती नाकारली आहे.`,
    ),

  payloadDamaged: () =>
    new BundleError(
      'payload-damaged',
      'The data inside the bundle cannot be unpacked to the size its header states; the bundle is damaged.',
      'बंडलमधील माहिती तिच्या शीर्षभागात सांगितलेल्या आकारात उघडता येत नाही; बंडल खराब झाली आहे.',
    ),

  bundlePart: (index: number, count: number) =>
    new BundleError(
      'bundle-part',
      `This file is part ${index + 1} of ${count} of a split bundle; import all ${count} parts together.`,
      `ही फाइल विभागलेल्या बंडलचा ${count} पैकी भाग ${index + 1} आहे; सर्व ${count} भाग एकत्र आयात करा.`,
    ),

  partOfAnotherGroup: (index: number, count: number) =>
    new BundleError(
      'part-of-another-group',
      `Part ${index + 1} of ${count} belongs to a different split bundle than the parts already added.`,
      `${count} पैकी भाग ${index + 1} आधी जोडलेल्या भागांपेक्षा वेगळ्या विभागलेल्या बंडलचा आहे.`,
    ),

  partConflict: (index: number, count: number) =>
    new BundleError(
      'part-conflict',
      `Two different files both claim to be part ${index + 1} of ${count} of the same bundle, so neither is trusted.`,
      `दोन वेगवेगळ्या फाइली एकाच बंडलचा ${count} पैकी भाग ${index + 1} असल्याचे सांगतात, म्हणून कोणावरही विश्वास ठेवता येत नाही.`,
    ),

  payloadInvalid: (detail: string) =>
    new BundleError(
      'payload-invalid',
      `The changes inside the bundle are not in the expected form (${detail}); nothing was imported. Ask the sender for a new bundle.`,
      `बंडलमधील बदल अपेक्षित स्वरूपात नाहीत (${detail}); काहीही आयात केले नाही. पाठवणाऱ्याकडून नवीन बंडल मागवा.`,
      { detail },
    ),

  newerSchema: (theirs: number, ours: number) =>
    new BundleError(
      'newer-schema',
      `This bundle comes from a newer version of MTS Block Office (database version ${theirs}, this PC has ${ours}); update the app, then import the same file again. Nothing was imported.`,
      `ही बंडल MTS प्रकल्प कार्यालयाच्या नवीन आवृत्तीतून आली आहे (डेटाबेस आवृत्ती ${theirs}, या संगणकावर ${ours}); ॲप अद्ययावत करा आणि मग तीच फाइल पुन्हा आयात करा. काहीही आयात केले नाही.`,
    ),

  unsupportedKind: (kind: string) =>
    new BundleError(
      'unsupported-kind',
      `This is a "${kind}" bundle, which this version of MTS Block Office cannot import yet; nothing was imported.`,
      `ही "${kind}" प्रकारची बंडल आहे, जी MTS प्रकल्प कार्यालयाची ही आवृत्ती अजून आयात करू शकत नाही; काहीही आयात केले नाही.`,
    ),

  unknownPeer: (peer: string) =>
    new BundleError(
      'unknown-peer',
      `This office does not exchange bundles with ${peer === 'hub' ? 'the state hub' : `office ${peer}`} yet; enrol with the state hub first.`,
      `हे कार्यालय अजून ${peer === 'hub' ? 'राज्य हबशी' : `कार्यालय ${peer} शी`} बंडलची देवाणघेवाण करत नाही; आधी राज्य हबकडे नोंदणी करा.`,
    ),

  partsMissing: (missing: readonly number[], count: number) => {
    const list = missing.map((index) => index + 1).join(', ');
    return new BundleError(
      'parts-missing',
      `Parts ${list} of ${count} of this split bundle are still missing.`,
      `या विभागलेल्या बंडलचे ${count} पैकी भाग ${list} अजून मिळालेले नाहीत.`,
    );
  },
};
