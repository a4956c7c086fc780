/** npm start: install what is missing, build, package both SCORM versions, serve the preview LMS. */
import { ensureDependencies, must } from './setup.mjs';

ensureDependencies();
must('npm run build --silent');
must('npx tsx scorm/package.ts');
must('npx tsx scripts/map.ts');
must('npx tsx scripts/build-tutor.ts');
const port = process.env.PORT || '5175';
must(`npx tsx scorm/serve.ts --port ${port}`);
