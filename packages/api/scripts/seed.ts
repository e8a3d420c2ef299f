import { createDb, migrate, readDbEnv } from '@proxy/db';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '../src/seed/demo';
import { seedRoadmap } from '../src/seed/roadmap';
import { seedDefaultTemplates } from '../src/templates/service';

// Seeds live beside the services (not in packages/db) because they hash passwords and go
// through the same validation as every other write.
const handle = await createDb(readDbEnv());
try {
  await migrate(handle);
  const result = await seedDemo({ db: handle.db });
  console.log(
    `seed: demo account ${DEMO_EMAIL} / "${DEMO_PASSWORD}" (${result.createdUser ? 'created' : 'already there'}), ${result.createdTasks} task(s) added`,
  );
  const roadmap = await seedRoadmap({ db: handle.db }, result.userId);
  console.log(
    `seed: roadmap ${roadmap.createdTasks} meta task(s) and ${roadmap.createdDependencies} dependency(ies) added`,
  );
  const templates = await seedDefaultTemplates({ db: handle.db });
  console.log(`seed: ${templates.created} built-in template(s) added`);
} finally {
  await handle.close();
}
