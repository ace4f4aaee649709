/**
 * The universal error codes every OpenHarmony API may raise, built in so that errlens knows them without the
 * universal page. Messages are the documented ones; the explanations are errlens's own.
 */
import type { CatalogueEntry, PageRef } from '../types.js';
import { headingSlug } from './slug.js';

/** The page the universal codes are documented on. */
export const UNIVERSAL_PAGE: PageRef = { title: 'Universal Error Codes', file: 'errorcode-universal.md' };

interface UniversalSource {
  readonly code: string;
  readonly title: string;
  readonly message: string;
  readonly description: string;
  readonly causes: readonly string[];
  readonly solutions: readonly string[];
  readonly aliases: readonly string[];
}

/*
 * Aliases are the short messages the runtime puts in `err.message` (identical up to release 6.1). 203 has no short
 * form on record: its documented message is already what apps print, so it gets none rather than a guessed one that
 * could match unrelated log lines.
 */
const SOURCES: readonly UniversalSource[] = [
  {
    code: '201',
    title: 'Permission Denied',
    message: 'Permission verification failed. The application does not have the permission required to call the API.',
    description: 'The API checks a permission the calling application has not been granted, so the call is refused.',
    causes: [
      'The permission is not declared in requestPermissions of the module.json5 file.',
      'The permission is a user-granted one and the user has not granted it (or revoked it) at run time.',
    ],
    solutions: [
      'Look up the permission the API requires in its reference and declare it in module.json5.',
      'For a user-granted permission, ask the user for it (requestPermissionsFromUser) before calling the API, and handle a refusal.',
    ],
    aliases: ['Permission denied'],
  },
  {
    code: '202',
    title: 'Permission Verification Failed for Calling a System API',
    message: 'Permission verification failed. A non-system application calls a system API.',
    description: 'A system API was called by an application that is not a system application.',
    causes: ['The application called an API reserved for system applications.'],
    solutions: [
      'Remove the call or replace it with a public API offering the same capability.',
      'If the application really is a system application, check that it is signed and provisioned as one.',
    ],
    aliases: ['Non-system applications use system APIs'],
  },
  {
    code: '203',
    title: 'System Function Prohibited by Enterprise Management Policies',
    message: 'This function is prohibited by enterprise management policies.',
    description: 'The device is managed, and its enterprise management policy disables the function the API needs.',
    causes: ['A device administrator application has disabled this system function on the device.'],
    solutions: [
      'Query the enterprise restriction policies to confirm that the function is disabled.',
      'Have the device administrator lift the restriction, or let the application degrade gracefully while it is in force.',
    ],
    aliases: [],
  },
  {
    code: '401',
    title: 'Parameter Check Failed',
    message:
      'Parameter error. Possible causes: 1. Mandatory parameters are left unspecified; 2. Incorrect parameter types; 3. Parameter verification failed.',
    description: 'The arguments passed to the API failed its checks; the call was rejected before doing any work.',
    causes: [
      'A mandatory parameter was not passed.',
      'A parameter has the wrong type, or the wrong number of parameters was passed.',
      'A parameter is null or undefined where a value is required.',
      'A parameter value is malformed or out of its allowed range.',
    ],
    solutions: [
      'Compare the call with the API reference: every mandatory parameter present, with the documented type.',
      'Check formats and value ranges of the parameters; the error message often names the parameter that failed.',
    ],
    aliases: ['Parameter error'],
  },
  {
    code: '801',
    title: 'API Not Supported',
    message: 'Capability not supported. Failed to call the API due to limited device capabilities.',
    description: 'The device does not implement this API, even if it supports the system capability the API belongs to.',
    causes: ['The API is not available on this type of device or in this system version.'],
    solutions: [
      'Check the capability with canIUse() before calling the API and offer a fallback when it is missing.',
      'Do not rely on the API on devices that do not support it.',
    ],
    aliases: ['Capability not supported'],
  },
];

/** Catalogue entries for the universal codes 201, 202, 203, 401 and 801 (module "Universal"). */
export const UNIVERSAL_ENTRIES: readonly CatalogueEntry[] = SOURCES.map((source) => ({
  id: `${UNIVERSAL_PAGE.file}#${source.code}`,
  code: source.code,
  page: UNIVERSAL_PAGE,
  kit: null,
  subsystem: null,
  module: 'Universal',
  title: source.title,
  message: source.message,
  description: source.description,
  causes: source.causes,
  solutions: source.solutions,
  reference: { page: UNIVERSAL_PAGE.file, anchor: headingSlug(`${source.code} ${source.title}`) },
  aliases: source.aliases,
  systemOnly: false,
}));
