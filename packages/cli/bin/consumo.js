#!/usr/bin/env node
// Launcher committed in source form, so npm links the `consumo` command before the build has run.
import "../dist/bin.js";
