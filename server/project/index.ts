// Public API of the project directory: layout and room names, creating (init), opening and
// checking a project, the labels document in its storage, and the CSV exports.
export {
  PROJECT_FORMAT_VERSION,
  PROJECT_FILE,
  IMAGES_FILE,
  EXTRA_COLUMNS_FILE,
  CACHE_DIR,
  STORAGE_FILE,
  projectPaths,
  labelsRoom,
  modelRoom,
  type ProjectPaths,
} from './layout.ts';
export { ProjectError } from './project-error.ts';
export { readProjectConfig, validateProjectConfig, writeProjectConfig, type ProjectConfig, type FeaturesConfig } from './project-config.ts';
export { createProject, type CreateProjectOptions, type CreatedProject } from './create-project.ts';
export { openProject, checkProjectFiles, type Project } from './open-project.ts';
export { parseImageList, formatImageList, imageListManifest, resolveImagePath, checkImagesExist, MAX_PROJECT_IMAGES } from './image-list.ts';
export { readNpyFileHeader, validateFeatureFile } from './npy-file.ts';
export { createLabelsDocument, loadLabelsDocument, IMPORT_ANNOTATOR, type NewLabelsDoc } from './labels-store.ts';
export { exportLabelsCsv, exportHistoryCsv, type ExportLabelsOptions } from './exports.ts';
