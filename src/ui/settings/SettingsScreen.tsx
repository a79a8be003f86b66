import { NetworkLab } from '../lab/NetworkLab.tsx';
import { StorageSection } from './StorageSection.tsx';

/** Settings: what this device stores, and (when the server allows it) the network lab. */
export function SettingsScreen() {
  return (
    <div className="settings">
      <h1>Settings</h1>
      <StorageSection />
      <NetworkLab />
    </div>
  );
}
