# `sam build` builds the shared layer with this target (template.yaml: SharedLayer, BuildMethod
# makefile). It bundles each subpath of @bc-loyalty/shared into $(ARTIFACTS_DIR)/nodejs/node_modules.
build-SharedLayer:
	node --import tsx layers/shared/build.ts "$(ARTIFACTS_DIR)"

# AppAuthFunction (BuildMethod makefile): the install function with the storefront widget's code
# bundled in (it installs the widget through the Scripts API); see functions/app-auth/build.ts.
build-AppAuthFunction:
	node --import tsx functions/app-auth/build.ts "$(ARTIFACTS_DIR)"
