import { render } from "preact";
import { App } from "./app/App.tsx";
import { browserClient } from "./compute/client.ts";
import "./styles.css";

const client = browserClient();
render(<App client={client} />, document.getElementById("app")!);
