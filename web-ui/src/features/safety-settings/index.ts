// The safety-settings feature's public surface, composed by the app layer.
export { SafetySettingsPage } from './components/safety-settings-page';
