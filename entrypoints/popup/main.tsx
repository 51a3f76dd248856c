import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { applyTheme, storedTheme } from '../../components/theme.js'
import { DevKeysBanner } from '../../components/ui/DevKeysBanner.js'
import { App } from './App.js'
import './style.css'

// The last theme chosen, before the background answers with the settings.
applyTheme(storedTheme())
const root = document.getElementById('root')
if (!root) throw new Error('The popup page has no #root element.')
createRoot(root).render(
  <StrictMode>
    <DevKeysBanner />
    <App />
  </StrictMode>,
)
