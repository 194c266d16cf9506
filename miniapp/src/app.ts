import type { PropsWithChildren } from 'react'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import '@nutui/icons-react-taro/dist/style_icon.css'
import './app.css'

function App({ children }: PropsWithChildren) {
  // The page being shown is passed in as children.
  return children
}

export default App
