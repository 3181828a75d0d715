import { mount } from 'svelte';
import regularFont from '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf?url';
import boldFont from '@expo-google-fonts/noto-sans-devanagari/600SemiBold/NotoSansDevanagari_600SemiBold.ttf?url';
import App from './App.svelte';
import { initBridge } from './lib/api.ts';
import './app.css';

// The font ships with the app: office PCs and CI machines may lack a Devanagari font.
for (const [url, weight] of [[regularFont, '400'], [boldFont, '600']] as const) {
  const face = new FontFace('Noto Sans Devanagari', `url(${url})`, { weight });
  document.fonts.add(face);
  void face.load();
}

initBridge();
mount(App, { target: document.getElementById('app')! });
