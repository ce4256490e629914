# Builds a directory image with the example `local-dir` builder (plugin.js), then records it in a
# Packer-format manifest. Run it with build.ts or `imgbuild build -plugin=plugin.js example.pkr.hcl`.

variable "base_dir" {
  type    = string
  default = "base"
}

variable "output_dir" {
  type    = string
  default = "output"
}

variable "manifest" {
  type    = string
  default = "manifest.json"
}

source "local-dir" "demo" {
  base_dir   = var.base_dir
  output_dir = var.output_dir
}

build {
  sources = ["source.local-dir.demo"]

  # Runs inside the image directory, through the builder's local communicator.
  provisioner "shell" {
    inline = ["echo \"built by ${build.ID}\" > motd.txt"]
  }

  # Runs on this machine, like any shell-local provisioner.
  provisioner "shell-local" {
    inline = ["echo \"$PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE\" > \"${var.output_dir}/provenance.txt\""]
  }

  post-processor "manifest" {
    output     = var.manifest
    strip_path = true
    custom_data = {
      image_dir = "{{ .ImageDir }}"
    }
  }
}
