# Pinned versions of the Kubernetes parts this project builds from Go modules, sourced by
# hack/kube-binaries.sh (etcd, kube-apiserver, kubectl, helm: the operator's tests) and by
# hack/kube-node-binaries.sh (kubelet, controller-manager, scheduler, kube-proxy, CoreDNS, crictl: the
# local cluster of hack/local-cluster.sh). One place, so the cluster runs the same Kubernetes
# the tests pin.
# shellcheck shell=bash disable=SC2034
KUBE_VERSION=1.36.3   # k8s.io/kubernetes v1.36.3; staging modules replaced by k8s.io/* v0.36.3
ETCD_VERSION=3.5.35   # go.etcd.io/etcd/server/v3 v3.5.35 (its main package is the etcd server)
HELM_VERSION=3.21.4   # helm.sh/helm/v3 v3.21.4
COREDNS_VERSION=1.14.7 # github.com/coredns/coredns v1.14.7 (its own go.mod, no replaces)
CRICTL_VERSION=1.36.0  # sigs.k8s.io/cri-tools v1.36.0 (crictl; its own go.mod, no replaces)
GO_TOOLCHAIN=go1.26.8 # used only when the machine has no Go
