// Where the shared material (corpus texts, PDFs, the sample's original) is: `$AKN_SHARED_DIR`, else the
// `shared` folder beside the project (this workplace and CI).
import { fileURLToPath } from 'node:url';

export const corpusRoot: string = process.env.AKN_SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
