/** The shell: who is annotating, which project is open, and the screen for that state. */
import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand, Session } from '../electron/contract/types';
import { api, onMenuCommand } from './api/client';
import { NamePrompt } from './features/start/NamePrompt';
import { StartScreen } from './features/start/StartScreen';
import { ProjectScreen } from './features/annotate/ProjectScreen';
import { useNotices, NoticeBar } from './ui/notices';
import { ThemeSwitch } from './ui/ThemeSwitch';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const notices = useNotices();
  const { run, clear } = notices;

  useEffect(() => {
    void run(() => api.getSession({})).then((s) => s && setSession(s));
  }, [run]);

  const refreshSession = useCallback(
    () => void run(() => api.getSession({})).then((s) => s && setSession(s)),
    [run],
  );
  const newProject = useCallback(() => run(() => api.newProject({})).then((s) => s && setSession(s)), [run]);
  const openProject = useCallback(
    (recent?: string) => run(() => api.openProject(recent ? { recent } : {})).then((s) => s && setSession(s)),
    [run],
  );
  const closeProject = useCallback(
    () => run(() => api.closeProject({})).then((s) => s && setSession(s)),
    [run],
  );

  // Project-level menu commands are handled here; import and export by the project screen.
  useEffect(
    () =>
      onMenuCommand((command: MenuCommand) => {
        if (command.command === 'newProject') void newProject();
        if (command.command === 'openProject') void openProject(command.recent);
        if (command.command === 'closeProject') void closeProject();
      }),
    [newProject, openProject, closeProject],
  );

  // Notices speak of the project they came from: another project opening takes them away.
  const projectPath = session?.project?.path;
  useEffect(() => {
    if (projectPath) clear();
  }, [projectPath, clear]);

  let screen = null;
  if (session && session.user === null) {
    screen = (
      <NamePrompt onSubmit={(name) => run(() => api.setUserName({ name })).then((s) => s && setSession(s))} />
    );
  } else if (session && session.project === null) {
    screen = <StartScreen recent={session.recent} onNew={newProject} onOpen={openProject} />;
  } else if (session?.project) {
    screen = (
      <ProjectScreen
        key={session.project.path}
        project={session.project}
        user={session.user!}
        notices={notices}
        onClose={closeProject}
        onSession={setSession}
        onSchemaChanged={refreshSession}
      />
    );
  }
  return (
    <div className="mg-app">
      {screen}
      {/* The project toolbar has its own; every other screen has this one, in the corner. */}
      {screen && !session?.project && (
        <div className="mg-corner">
          <ThemeSwitch />
        </div>
      )}
      <NoticeBar notices={notices} />
    </div>
  );
}
