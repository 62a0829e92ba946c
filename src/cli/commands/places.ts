// `ferry ls` with no id: where one can upload. Accounts → workspaces (V2 calls them teams) → projects, each with the
// root folder id that `--to` and `ferry ls <id>` take, then the projects shared with the user from other accounts.
// With --tree, each project's folders follow it.
import type { Project } from '../../core/frameio/types';
import { failure } from '../cli-error';
import { printable } from '../format';
import type { Session } from '../session';
import { loadTree, printTree, type TreeNode, treeJson } from './asset-tree';

interface ProjectPlace {
  project: Project;
  tree?: TreeNode[];
}

interface Places {
  accounts: Array<{ id: string; name: string; workspaces: Array<{ id: string; name: string; projects: ProjectPlace[] }> }>;
  shared: ProjectPlace[];
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const sorted = <T extends { name: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => byName.compare(a.name, b.name));

async function gather(session: Session, tree: boolean): Promise<Places> {
  const { client } = session;
  const withTree = async (project: Project): Promise<ProjectPlace> => ({
    project,
    ...(tree ? { tree: await loadTree(session, project.rootFolderId, true) } : {}),
  });
  const everyProject = (projects: Project[]) => Promise.all(sorted(projects).map(withTree));
  try {
    const accounts = await client.listAccounts();
    const mine = session.accountId ? accounts.filter((a) => a.id === session.accountId) : accounts;
    const [listed, shared] = await Promise.all([
      Promise.all(
        sorted(mine).map(async (account) => {
          const workspaces = await client.listWorkspaces(account.id);
          const withProjects = await Promise.all(sorted(workspaces).map(async (w) => ({ id: w.id, name: w.name, projects: await everyProject(await client.listProjects(w)) })));
          return { id: account.id, name: account.name, workspaces: withProjects };
        }),
      ),
      client.listSharedProjects(),
    ]);
    const seen = new Set(listed.flatMap((a) => a.workspaces.flatMap((w) => w.projects.map((p) => p.project.id))));
    return { accounts: listed, shared: await everyProject(shared.filter((p) => !seen.has(p.id))) };
  } catch (error) {
    throw failure(error);
  }
}

const projectJson = ({ project, tree }: ProjectPlace) => ({
  id: project.id,
  name: project.name,
  root_folder_id: project.rootFolderId,
  ...(tree ? { tree: treeJson(tree) } : {}),
});

function printProject({ project, tree }: ProjectPlace, depth: number): void {
  console.log(`${'  '.repeat(depth)}▣ ${printable(project.name).padEnd(Math.max(1, 40 - depth * 2))} root folder ${project.rootFolderId}`);
  if (tree) printTree(tree, depth + 1);
}

export async function places(session: Session, tree: boolean, json: boolean): Promise<void> {
  const found = await gather(session, tree);
  if (json) {
    const accounts = found.accounts.map((a) => ({ ...a, workspaces: a.workspaces.map((w) => ({ ...w, projects: w.projects.map(projectJson) })) }));
    console.log(JSON.stringify({ api: session.apiUrl, accounts, shared_projects: found.shared.map(projectJson) }));
    return;
  }
  const workspace = session.client.apiVersion === 'v2' ? 'Team' : 'Workspace';
  for (const account of found.accounts) {
    console.log(`Account "${printable(account.name)}" (${account.id})`);
    if (account.workspaces.length === 0) console.log(`  (no ${workspace.toLowerCase()}s you can see)`);
    for (const w of account.workspaces) {
      console.log(`  ${workspace} "${printable(w.name)}" (${w.id})`);
      if (w.projects.length === 0) console.log('    (no projects)');
      for (const p of w.projects) printProject(p, 2);
    }
  }
  if (found.shared.length > 0) {
    console.log('Shared with you:');
    for (const p of found.shared) printProject(p, 1);
  }
  if (found.accounts.length === 0 && found.shared.length === 0) console.log('(no accounts or projects)');
  process.stderr.write(`Upload into a project with \`${session.command} upload <path> --to <root folder id>\`; look inside with \`${session.command} ls <id>\`.\n`);
}
