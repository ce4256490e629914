# A golden image for a small HTTP service: Debian base disk -> Node.js runtime (shell provisioner),
# the service uploaded (file provisioner), a systemd unit enabled and checked -> qcow2, plus an OVF
# package, each with checksums, all listed in one manifest.
#
#   imgbuild build -var base_image=/path/disk.qcow2 -var ssh_private_key_file=/path/id_ed25519 examples/service
#
# `npm run demo` makes the Debian base image and passes these for you.

variable "base_image" {
  type        = string
  description = "Bootable qcow2 to start from (the project's Debian base image)."
}

variable "ssh_private_key_file" {
  type        = string
  description = "Private key authorized for root in the base image."
}

variable "output_directory" {
  type    = string
  default = "output-service"
}

variable "accelerator" {
  type        = string
  default     = null
  description = "kvm or tcg; unset (null) lets the builder choose."
}

variable "service_version" {
  type    = string
  default = "1.0.0"
}

locals {
  ovf_directory = "${var.output_directory}-ovf"
}

source "qemu" "service" {
  iso_url          = var.base_image
  iso_checksum     = "none"
  disk_image       = true
  skip_resize_disk = true
  accelerator      = var.accelerator
  format           = "qcow2"
  headless         = true
  cpus             = 2
  memory           = 1024
  boot_wait        = "-1s"
  output_directory = var.output_directory
  vm_name          = "service.qcow2"

  communicator         = "ssh"
  ssh_username         = "root"
  ssh_private_key_file = var.ssh_private_key_file
  ssh_timeout          = "10m"
  shutdown_command     = "poweroff"
  shutdown_timeout     = "2m"
}

build {
  sources = ["source.qemu.service"]

  provisioner "shell" {
    script = "${path.root}/scripts/install-runtime.sh"
  }

  # Trailing slash: the directory's contents go into /tmp/service.
  provisioner "file" {
    source      = "${path.root}/app/"
    destination = "/tmp/service"
  }

  provisioner "shell" {
    environment_vars = ["SERVICE_NAME=${source.name}", "SERVICE_VERSION=${var.service_version}"]
    script           = "${path.root}/scripts/install-service.sh"
  }

  # The qcow2 itself: a checksum file next to it, then an entry in the manifest.
  post-processors {
    post-processor "checksum" {
      checksum_types      = ["sha256"]
      output              = "${var.output_directory}/service.qcow2.{{.ChecksumType}}"
      keep_input_artifact = true
    }
    post-processor "manifest" {
      output = "${var.output_directory}/manifest.json"
    }
  }

  # The same disk as an OVF 1.0 package (descriptor, streamOptimized VMDK, .mf with SHA-256 digests).
  post-processors {
    post-processor "ovf" {
      output              = local.ovf_directory
      vm_name             = "service"
      os_type             = "Debian_64"
      cpus                = 1
      memory              = 512
      keep_input_artifact = true
    }
    post-processor "checksum" {
      checksum_types = ["sha256"]
      output         = "${local.ovf_directory}/service.{{.ChecksumType}}"
    }
    post-processor "manifest" {
      output = "${var.output_directory}/manifest.json"
    }
  }
}
