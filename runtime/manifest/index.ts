export { MANIFEST_FILE, MANIFEST_FORMAT, ManifestError, parseManifest, serializeManifest, type Manifest, type ManifestFrame } from "./manifest.js";
export { compareManifests, type Compatibility, type StrandedFrame } from "./compare-manifests.js";
