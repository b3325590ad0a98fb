/**
 * The only bridge between the sandboxed renderer and the main process: one function per API
 * method (nothing else of ipcRenderer is exposed) and a listener for native menu commands.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, IPC_API_CHANNEL, IPC_MENU_CHANNEL } from '../contract/methods';

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (args: unknown) => ipcRenderer.invoke(IPC_API_CHANNEL, method, args)]),
);

contextBridge.exposeInMainWorld('marginalia', {
  methods,
  onMenu(listener: (command: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, command: unknown) => listener(command);
    ipcRenderer.on(IPC_MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_MENU_CHANNEL, forward);
  },
});
