// dicom-parser ships a UMD bundle: under Node's ES module loader its functions hang off the default
// export, while its type declarations describe named exports. This file bridges the two.
import * as dicomParserNamespace from 'dicom-parser';

type DicomParser = typeof dicomParserNamespace;

const namespaceWithDefault = dicomParserNamespace as DicomParser & { readonly default?: DicomParser };

/** The dicom-parser library, whichever way the module loader exposed it. */
export const dicomParser: DicomParser =
  typeof namespaceWithDefault.parseDicom === 'function'
    ? namespaceWithDefault
    : (namespaceWithDefault.default ?? namespaceWithDefault);
