import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DevKeysBanner } from '../../components/ui/DevKeysBanner.js'
import { App } from './App.js'
import './style.css'

const root = document.getElementById('root')
if (!root) throw new Error('The popup page has no #root element.')
createRoot(root).render(
  <StrictMode>
    <DevKeysBanner />
    <App />
  </StrictMode>,
)
